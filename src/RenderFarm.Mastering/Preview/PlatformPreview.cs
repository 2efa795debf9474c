using System.Globalization;
using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Mastering.Preview;

/// <summary>What a streaming service's normalisation will do to a master when a listener plays it.</summary>
public sealed record PlatformPreview(string Platform, double ReferenceLufs, double PlaybackGainDb, double PlaybackLufs, double PlaybackTruePeakDbtp, bool PeakLimitedGain, string Note)
{
    /// <summary>The preview for every streaming target, from the master's integrated loudness and true peak.</summary>
    public static IReadOnlyList<PlatformPreview> For(LoudnessReport master) =>
        DeliveryTargets.Streaming.Select(t => For(t, master.IntegratedLufs, master.TruePeakDbtp)).ToArray();

    public static PlatformPreview For(DeliveryTarget target, double integratedLufs, double truePeakDbtp)
    {
        ArgumentNullException.ThrowIfNull(target);
        var n = target.Normalization ?? throw new ArgumentException($"{target.Name} does not normalise playback", nameof(target));
        if (!double.IsFinite(integratedLufs))
        {
            return new PlatformPreview(target.Name, n.ReferenceLufs, 0, integratedLufs, truePeakDbtp, false, "the master is silent");
        }

        var wanted = n.ReferenceLufs - integratedLufs;
        var gain = wanted;
        var limited = false;
        string note;
        if (Math.Abs(wanted) < 0.05)
        {
            gain = 0;
            note = "played as it is";
        }
        else if (wanted < 0)
        {
            note = F($"turned down by {-wanted:0.0} dB to {n.ReferenceLufs:0.0} LUFS: the loudness pushed into the master is given away");
        }
        else if (!n.TurnsUp)
        {
            gain = 0;
            note = F($"never turned up: plays {wanted:0.0} dB quieter than louder masters, at {integratedLufs:0.0} LUFS");
        }
        else if (n.LimitsWhenTurningUp)
        {
            note = F($"turned up by {wanted:0.0} dB through the platform's limiter");
        }
        else
        {
            gain = Math.Min(wanted, Math.Max(0, n.UpwardPeakLimitDbtp - truePeakDbtp));
            limited = gain < wanted - 0.05;
            note = limited
                ? F($"turned up only {gain:0.0} dB (of {wanted:0.0}) before peaks reach {n.UpwardPeakLimitDbtp:0.0} dBTP: plays {wanted - gain:0.0} dB under the reference")
                : F($"turned up by {gain:0.0} dB to {n.ReferenceLufs:0.0} LUFS");
        }

        return new PlatformPreview(target.Name, n.ReferenceLufs, Math.Round(gain, 2), Math.Round(integratedLufs + gain, 2), Math.Round(truePeakDbtp + gain, 2), limited, note);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
