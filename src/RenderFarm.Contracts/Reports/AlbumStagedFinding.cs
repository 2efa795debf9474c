namespace RenderFarm.Contracts.Reports;

/// <summary>A song's finding and where it was found (<c>input</c>, or a deliverable's label).</summary>
public sealed record AlbumStagedFinding
{
    public string Stage { get; set; } = string.Empty;

    public AlbumFinding Finding { get; set; } = new();
}
