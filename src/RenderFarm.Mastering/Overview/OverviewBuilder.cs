using RenderFarm.Audio.Analysis;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mastering.Overview;

/// <summary>
/// overview.json (<see cref="OverviewDocument"/>): what the dashboard draws of a title before and after mastering
/// (waveform peaks, long-term spectrum, loudness over time decimated to at most <see cref="MaxLoudnessPoints"/>
/// readings) with the target, so a two-hour title's page opens as fast as a single's (tens of kilobytes either way).
/// </summary>
public static class OverviewBuilder
{
    public const int MaxLoudnessPoints = 1500;

    public static OverviewDocument Build(MasteringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new OverviewDocument
        {
            TargetLufs = report.AimedLufs ?? report.Target.IntegratedLufs,
            CeilingDbtp = report.CeilingDbtp,
            Input = Programme(report.InputOverview, report.InputSeries, report.Input.DurationSeconds),
            Output = Programme(report.OutputOverview, report.OutputSeries, report.Output.DurationSeconds),
        };
    }

    private static OverviewProgramme Programme(ProgrammeOverview? overview, IReadOnlyList<LoudnessPoint> series, double duration)
    {
        var step = Math.Max(1, (series.Count + MaxLoudnessPoints - 1) / MaxLoudnessPoints);
        var momentary = new List<double?>();
        var shortTerm = new List<double?>();
        for (var i = 0; i < series.Count; i += step)
        {
            var m = double.NegativeInfinity;
            var s = double.NegativeInfinity;
            for (var j = i; j < Math.Min(series.Count, i + step); j++)
            {
                m = Math.Max(m, series[j].MomentaryLufs);
                s = Math.Max(s, series[j].ShortTermLufs);
            }

            momentary.Add(Level(m));
            shortTerm.Add(Level(s));
        }

        return new OverviewProgramme
        {
            DurationS = LoudnessJson.Round(duration, 3),
            Waveform = overview?.Waveform is { } w ? new OverviewWaveform
            {
                BucketS = w.BucketSeconds,
                Min = Rounded(w.Min, 4),
                Max = Rounded(w.Max, 4),
                Rms = Rounded(w.Rms, 4),
            } : null,
            Spectrum = overview?.SpectrumDb is { } levels ? new OverviewSpectrum
            {
                BandsPerOctave = Dsp.Spectral.LongTermSpectrum.BandsPerOctave,
                Hz = [.. overview.SpectrumHz.Select(f => LoudnessJson.Round(f, 1))],
                Db = [.. levels.Select(l => double.IsFinite(l) ? LoudnessJson.Round(l, 1) : (double?)null)],
            } : null,
            Loudness = new LoudnessSeries { IntervalS = LoudnessJson.Round(0.1 * step, 3), MomentaryLufs = momentary, ShortTermLufs = shortTerm },
        };
    }

    // Below the -70 LUFS gate a reading is silence for the chart.
    private static double? Level(double lufs) => double.IsFinite(lufs) && lufs > -70 ? LoudnessJson.Round(lufs, 1) : null;

    private static double[] Rounded(float[] values, int digits) => [.. values.Select(v => LoudnessJson.Round(v, digits))];
}
