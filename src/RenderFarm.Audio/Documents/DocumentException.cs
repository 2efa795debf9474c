namespace RenderFarm.Audio.Documents;

/// <summary>A document (a mastering profile, a mix session) or a setting that cannot be used; the message names the field (a JSON path) and what is accepted.</summary>
public class DocumentException : Exception
{
    public DocumentException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public DocumentException()
    {
        Field = string.Empty;
    }

    public DocumentException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public DocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public string Field { get; }
}
