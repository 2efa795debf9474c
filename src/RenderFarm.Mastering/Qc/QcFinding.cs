namespace RenderFarm.Mastering.Qc;

/// <summary>One quality-control finding: what, where (seconds), how serious, on which channel (null: all), and a sentence for a person.</summary>
public sealed record QcFinding(string Kind, double StartSeconds, double EndSeconds, QcSeverity Severity, string Detail, int? Channel = null, double? Value = null);
