using RenderFarm.Audio.Documents;

namespace RenderFarm.Mixing;

/// <summary>A session document that cannot be rendered; the message names the field (a JSON path) and what is accepted.</summary>
public sealed class SessionException : DocumentException
{
    public SessionException(string field, string problem)
        : base(field, problem)
    {
    }

    public SessionException()
    {
    }

    public SessionException(string message)
        : base(message)
    {
    }

    public SessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static DocumentException Make(string field, string problem) => new SessionException(field, problem);
}
