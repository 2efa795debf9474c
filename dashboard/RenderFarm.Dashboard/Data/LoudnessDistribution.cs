namespace RenderFarm.Dashboard.Data;

/// <summary>Titles per 1-LU bin (labelled by the bin's lower edge, LUFS) before and after, with compliance and QC totals.</summary>
public sealed record LoudnessDistribution(string[] Bins, double[] Before, double[] After, int TargetMet, int TargetMissed, int QcFindings, int QcErrors);
