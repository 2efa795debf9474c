namespace RenderFarm.Mastering.Qc;

/// <summary>How much a finding matters: worth knowing, worth checking, or grounds for rejection.</summary>
public enum QcSeverity
{
    Info,
    Warning,
    Error,
}
