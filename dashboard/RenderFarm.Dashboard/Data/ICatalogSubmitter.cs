namespace RenderFarm.Dashboard.Data;

/// <summary>Starts catalogues from the dashboard, with the same checks as the HTTP API.</summary>
public interface ICatalogSubmitter
{
    Task<SubmitOutcome> Submit(SubmitRequest request, CancellationToken cancellationToken);
}

/// <summary>What the submit page asks for: a name, sources in the media root, a profile and a priority.</summary>
public sealed record SubmitRequest(string Name, IReadOnlyList<string> Sources, string Profile, int Priority);

/// <summary>The catalogue started, or the field that was refused and why.</summary>
public sealed record SubmitOutcome(string? CatalogId, string? Field, string? Error)
{
    public static SubmitOutcome Started(string catalogId) => new(catalogId, null, null);

    public static SubmitOutcome Refused(string field, string error) => new(null, field, error);
}
