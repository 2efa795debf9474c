namespace RenderFarm.Dashboard.Data;

/// <summary>The catalogue started, or the field that was refused and why.</summary>
public sealed record SubmitOutcome(string? CatalogId, string? Field, string? Error)
{
    public static SubmitOutcome Started(string catalogId) => new(catalogId, null, null);

    public static SubmitOutcome Refused(string field, string error) => new(null, field, error);
}
