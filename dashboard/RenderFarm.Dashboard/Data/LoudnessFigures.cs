using RenderFarm.Contracts.Reports;

namespace RenderFarm.Dashboard.Data;

/// <summary>The loudness figures of a programme (EBU R128): null where the level does not exist (silence).</summary>
public sealed record LoudnessFigures(double? IntegratedLufs, double? RangeLu, double? MaxMomentaryLufs, double? MaxShortTermLufs, double? TruePeakDbtp, double? PlrDb, double? DurationSeconds)
{
    internal static LoudnessFigures From(ProgrammeFigures p) => new(p.IntegratedLufs, p.LoudnessRangeLu, p.MaxMomentaryLufs, p.MaxShortTermLufs, p.TruePeakDbtp, p.PlrDb, p.DurationS);
}
