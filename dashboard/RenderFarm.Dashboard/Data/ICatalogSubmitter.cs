namespace RenderFarm.Dashboard.Data;

/// <summary>Starts catalogues from the dashboard, with the same checks as the HTTP API.</summary>
public interface ICatalogSubmitter
{
    Task<SubmitOutcome> Submit(SubmitRequest request, CancellationToken cancellationToken);
}
