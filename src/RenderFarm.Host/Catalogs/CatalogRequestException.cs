namespace RenderFarm.Host.Catalogs;

/// <summary>A catalogue request that cannot be queued; the message names the field and what is accepted.</summary>
public sealed class CatalogRequestException : Exception
{
    public CatalogRequestException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public CatalogRequestException()
    {
        Field = string.Empty;
    }

    public CatalogRequestException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public CatalogRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public string Field { get; }
}
