namespace RenderFarm.Cli.Commands;

/// <summary>The farm refused a request or could not be reached; the message says why.</summary>
internal class FarmClientException : Exception
{
    public FarmClientException()
    {
    }

    public FarmClientException(string message)
        : base(message)
    {
    }

    public FarmClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
