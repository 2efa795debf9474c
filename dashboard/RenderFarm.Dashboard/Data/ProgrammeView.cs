using RenderFarm.Contracts.Reports;

namespace RenderFarm.Dashboard.Data;

/// <summary>One programme (input or master): waveform peaks, long-term spectrum and loudness over time.</summary>
public sealed record ProgrammeView(
    double DurationSeconds,
    double BucketSeconds,
    float[] Min,
    float[] Max,
    float[] Rms,
    double[] SpectrumHz,
    double?[] SpectrumDb,
    double LoudnessIntervalSeconds,
    double?[] MomentaryLufs,
    double?[] ShortTermLufs)
{
    internal static ProgrammeView From(OverviewProgramme o) => new(
        o.DurationS,
        o.Waveform?.BucketS ?? 0,
        Floats(o.Waveform?.Min),
        Floats(o.Waveform?.Max),
        Floats(o.Waveform?.Rms),
        [.. o.Spectrum?.Hz ?? []],
        [.. o.Spectrum?.Db ?? []],
        o.Loudness.IntervalS,
        [.. o.Loudness.MomentaryLufs],
        [.. o.Loudness.ShortTermLufs]);

    private static float[] Floats(IReadOnlyList<double>? values) => values is null ? [] : [.. values.Select(v => (float)v)];
}
