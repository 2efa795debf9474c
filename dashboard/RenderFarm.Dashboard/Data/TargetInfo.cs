namespace RenderFarm.Dashboard.Data;

/// <summary>A built-in delivery target: loudness, tolerance, true-peak ceiling.</summary>
public sealed record TargetInfo(string Name, string Description, double? IntegratedLufs, double ToleranceLu, double CeilingDbtp);
