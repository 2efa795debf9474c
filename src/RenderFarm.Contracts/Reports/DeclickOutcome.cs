namespace RenderFarm.Contracts.Reports;

/// <summary>What de-click did: how many clicks it rebuilt, how many samples, and where (the first thousand).</summary>
public sealed record DeclickOutcome
{
    public long Clicks { get; set; }

    public long Samples { get; set; }

    public double ClicksPerMinute { get; set; }

    public IReadOnlyList<ClickEntry> Listed { get; set; } = [];
}
