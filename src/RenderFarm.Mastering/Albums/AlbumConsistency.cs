using System.Globalization;
using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Each song of an album against the album: loudness against the album's, true peak against the ceiling,
/// peak-to-loudness ratio and tonal balance (power below 250 Hz, 250 Hz to 4 kHz, above 4 kHz) against the
/// album's median; what stands out is said in words.
/// </summary>
internal static class AlbumConsistency
{
    private static readonly (double Low, double High, string Name)[] ToneBands = [(20, 250, "low end"), (250, 4000, "mids"), (4000, 20_000, "top end")];

    public static AlbumSongReport[] Songs(Album album, int[] numbers, MasteringReport[] masters, IReadOnlyList<StagedFinding>[] qc, double? target, double?[] aims, double? offset, double albumLufs, double albumPeak, double ceiling)
    {
        // The album's medians are its released songs' (a hidden track is judged against them, not part of them).
        var tones = masters.Select(Tone).ToArray();
        var released = Enumerable.Range(0, masters.Length).Where(i => !album.Songs[i].Hidden).ToArray();
        var medianTone = ToneBands.Select((_, b) => Median(released.Where(i => tones[i] is not null).Select(i => tones[i]![b]))).ToArray();
        var medianPlr = Median(released.Select(i => masters[i].Output.PlrDb).Where(double.IsFinite));
        var reports = new AlbumSongReport[masters.Length];
        for (var i = 0; i < masters.Length; i++)
        {
            var m = masters[i];
            var output = m.Output;
            var outliers = new List<string>();
            var versus = output.IntegratedLufs - albumLufs;
            if (Math.Abs(versus) > AlbumJob.LoudnessOutlierLu)
            {
                outliers.Add(Say($"loudness: {Math.Abs(versus):0.0} LU {(versus > 0 ? "louder" : "quieter")} than the album (flagged beyond {AlbumJob.LoudnessOutlierLu:0} LU)"));
            }

            if (output.TruePeakDbtp > ceiling + 1e-9)
            {
                outliers.Add(Say($"true peak: {output.TruePeakDbtp:0.00} dBTP is over the {ceiling:0.0} dBTP ceiling"));
            }

            if (double.IsFinite(output.PlrDb) && double.IsFinite(medianPlr) && Math.Abs(output.PlrDb - medianPlr) > AlbumJob.PlrOutlierDb)
            {
                outliers.Add(Say($"dynamics: peak-to-loudness ratio {output.PlrDb:0.0} dB against the album's median {medianPlr:0.0} dB ({(output.PlrDb < medianPlr ? "more" : "less")} compressed)"));
            }

            double[]? toneVersus = null;
            if (tones[i] is { } tone)
            {
                toneVersus = tone.Select((v, b) => Math.Round(v - medianTone[b], 2)).ToArray();
                for (var b = 0; b < ToneBands.Length; b++)
                {
                    if (Math.Abs(toneVersus[b]) > AlbumJob.ToneOutlierDb)
                    {
                        outliers.Add(Say($"tonal balance: {ToneBands[b].Name} {Math.Abs(toneVersus[b]):0.0} dB {(toneVersus[b] > 0 ? "above" : "below")} the album's median"));
                    }
                }
            }

            reports[i] = new AlbumSongReport
            {
                Track = numbers[i],
                Title = album.Songs[i].Title,
                InputPath = m.InputPath,
                InputLufs = Math.Round(m.Input.IntegratedLufs, 3),
                TrackModeLufs = target,
                AlbumModeLufs = offset is { } d && double.IsFinite(m.Input.IntegratedLufs) ? Math.Round(m.Input.IntegratedLufs + d, 3) : null,
                AimedLufs = aims[i] is { } a ? Math.Round(a, 3) : null,
                OutputLufs = Math.Round(output.IntegratedLufs, 3),
                TruePeakDbtp = Math.Round(output.TruePeakDbtp, 3),
                LoudnessRangeLu = Math.Round(output.LoudnessRangeLu, 2),
                PlrDb = Math.Round(output.PlrDb, 2),
                VersusAlbumLu = Math.Round(versus, 3),
                ToneDb = tones[i]?.Select(v => Math.Round(v, 2)).ToArray(),
                ToneVersusAlbumDb = toneVersus,
                Outliers = outliers,
                Note = m.TargetNote,
                Gain = PlaybackGain.For(output.IntegratedLufs, output.TruePeakDbtp, albumLufs, albumPeak),
                TargetMet = m.TargetMet,
                Qc = qc[i],
            };
        }

        return reports;
    }

    // The share of the master's long-term power in each broad band, in dB (0 would be all of it).
    private static double[]? Tone(MasteringReport master)
    {
        if (master.OutputOverview is not { SpectrumDb: { } levels } overview)
        {
            return null;
        }

        var power = new double[ToneBands.Length];
        for (var k = 0; k < levels.Count; k++)
        {
            var hz = overview.SpectrumHz[k];
            var band = Array.FindIndex(ToneBands, b => hz >= b.Low && hz < b.High);
            if (band >= 0 && double.IsFinite(levels[k]))
            {
                power[band] += Math.Pow(10, levels[k] / 10);
            }
        }

        var total = power.Sum();
        return total <= 0 ? null : power.Select(p => 10 * Math.Log10(Math.Max(p, 1e-30) / total)).ToArray();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
