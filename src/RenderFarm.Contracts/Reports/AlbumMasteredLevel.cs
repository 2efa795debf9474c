namespace RenderFarm.Contracts.Reports;

/// <summary>A mastered album's loudness and true peak, rounded to 0.001; null where they do not exist.</summary>
public sealed record AlbumMasteredLevel
{
    public double? IntegratedLufs { get; set; }

    public double? TruePeakDbtp { get; set; }
}
