namespace RenderFarm.Worker;

/// <summary>A command named a path outside the media root.</summary>
public sealed class MediaPathException : Exception
{
    public MediaPathException()
    {
    }

    public MediaPathException(string message)
        : base(message)
    {
    }

    public MediaPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
