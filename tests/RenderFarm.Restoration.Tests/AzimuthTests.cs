using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

/// <summary>
/// Azimuth on a real stereo recording whose second channel is made to lag (or lead) by a fraction of a sample
/// and more (with a long windowed sinc of the test's own, 511 taps): the delay measured to a few hundredths of a
/// sample, the lagging channel brought back into line (judged by SDR against the clean recording), a recording
/// already in line left alone in auto, and a mono file refused.
/// </summary>
public sealed class AzimuthTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Material.TempFolder("azimuth");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Material, the delay put in (samples; negative: the second channel leads), the least SDR after (dB). The
    // compus loop has stereo effects of its own that read as a delay (-0.06 samples): the repair takes that out
    // too, so its output is judged by the delay left, not against the original.
    [Theory]
    [InlineData("ambi_choir", 0.37, 50.0)]
    [InlineData("ambi_choir", -2.6, 50.0)]
    [InlineData("loop_compus", 1.25, 25.0)]
    public void Delay_IsMeasured_AndTheLaggingChannelBroughtBack(string material, double delay, double leastSdr)
    {
        var (clean, rate) = PlanarAudio.Read(Material.Loop(material));
        var skewed = delay > 0
            ? [clean[0], Delayed(clean[1], delay)]
            : new[] { Delayed(clean[0], -delay), clean[1] };
        var input = Path.Combine(_folder, "skewed.wav");
        PlanarAudio.Write(input, skewed, rate);
        var restored = Path.Combine(_folder, "restored.wav");

        var report = new RestoreJob(RestoreSettings.Only(azimuth: true)).Run(input, restored, TestContext.Current.CancellationToken);

        var azimuth = report.Azimuth!;
        var own = Measure(clean, rate);
        var (after, _) = PlanarAudio.Read(restored);
        var left = Measure(after, rate);
        // Against the clean recording, away from the edges (the test's sinc and ours settling).
        var skip = rate / 10;
        var length = clean[0].Length - (2 * skip);
        var sdrBefore = Faults.Sdr(clean, skewed, skip, length);
        var sdrAfter = Faults.Sdr(clean, after, skip, length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{material}, second channel {delay} samples late (its own {own:0.000}): measured {azimuth.DelaySamples} ({azimuth.DelayUs} us, coherence {azimuth.Coherence}), {left:0.000} left; SDR {sdrBefore:0.0} -> {sdrAfter:0.0} dB"));
        Assert.Equal(delay, azimuth.DelaySamples - own, 0.03);
        Assert.Equal(delay > 0 ? 2 : 1, azimuth.ChannelAdvanced);
        Assert.InRange(left, -0.02, 0.02);
        Assert.True(sdrAfter >= leastSdr, $"{material}: SDR {sdrBefore:0.0} -> {sdrAfter:0.0} dB");
    }

    [Fact]
    public void InLine_IsLeftAlone_AutoLeavesAMixsOwnStereo_AndMonoIsRefused()
    {
        var aligned = Material.Loop("ambi_choir");
        var song = Material.Piece(_folder, "song", 1, 30, 10);
        var mono = Path.Combine(_folder, "mono.wav");
        Tools.Ffmpeg("-i", song, "-ac", "1", "-c:a", "pcm_s24le", mono);

        var asked = new RestoreJob(RestoreSettings.Only(azimuth: true)).Run(aligned, Path.Combine(_folder, "out.wav"), TestContext.Current.CancellationToken);
        var auto = new RestoreJob(RestoreSettings.Auto).Run(song, Path.Combine(_folder, "auto.wav"), TestContext.Current.CancellationToken);
        var refused = Assert.Throws<AudioFileException>(() => new RestoreJob(RestoreSettings.Only(azimuth: true)).Run(mono, Path.Combine(_folder, "mono-out.wav"), TestContext.Current.CancellationToken));

        Assert.InRange(asked.Azimuth!.DelaySamples, -0.02, 0.02);
        Assert.Null(asked.Azimuth.ChannelAdvanced);
        Assert.Null(asked.ChangeSdrDb);
        Assert.Null(auto.Azimuth);
        Assert.Contains(mono, refused.Message, StringComparison.Ordinal);
        Assert.Contains("azimuth", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "mono-out.wav")));
    }

    private static double Measure(float[][] channels, int rate)
    {
        var meter = new Azimuth.ChannelDelayMeter(rate);
        meter.Add(new Dsp.AudioBlock(channels, 2, 0, channels[0].Length));
        return meter.Result()!.Value.Samples;
    }

    // x delayed by d samples: a Blackman-windowed sinc of 511 taps (the test's own, not the repair's).
    private static float[] Delayed(float[] x, double d)
    {
        const int Half = 255;
        var whole = (int)Math.Floor(d);
        var fraction = d - whole;
        var kernel = new double[(2 * Half) + 1];
        for (var j = -Half; j <= Half; j++)
        {
            var t = j - fraction;
            var sinc = Math.Abs(t) < 1e-12 ? 1.0 : Math.Sin(Math.PI * t) / (Math.PI * t);
            var n = (t + Half + 1) / ((2.0 * Half) + 2);
            kernel[j + Half] = sinc * (0.42 - (0.5 * Math.Cos(2 * Math.PI * n)) + (0.08 * Math.Cos(4 * Math.PI * n)));
        }

        var y = new float[x.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var sum = 0.0;
            for (var j = -Half; j <= Half; j++)
            {
                var at = i - whole - j;
                if (at >= 0 && at < x.Length)
                {
                    sum += kernel[j + Half] * x[at];
                }
            }

            y[i] = (float)sum;
        }

        return y;
    }
}
