namespace RenderFarm.Contracts.Reports;

/// <summary>
/// What de-clip did: the clip levels found per channel, the clipped runs and samples rebuilt, runs left for
/// being too long, and the peak the rebuilt waveform reached (dBFS; above 0 when it needs the headroom).
/// </summary>
public sealed record DeclipOutcome
{
    public IReadOnlyList<ClipLevels> ClipLevels { get; set; } = [];

    public long Runs { get; set; }

    public long Samples { get; set; }

    public long LeftTooLong { get; set; }

    public double? RebuiltPeakDbfs { get; set; }
}
