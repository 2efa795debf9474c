using System.Globalization;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

/// <summary>
/// Two faults at once on real recordings, repaired in one restore, judged by the SDR against the clean original:
/// clicks in hiss (de-click must find clicks through the noise, de-noise must not smear them), hum under a clip
/// (de-clip on the samples as they were clipped, then de-hum), a tape transfer's skew with an inverted channel
/// (found and set right by auto, with nothing named).
/// </summary>
public sealed class TwoFaultsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Material.TempFolder("two-faults");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ClicksInHiss_BothTakenAway()
    {
        var (clean, rate) = PlanarAudio.Read(Material.Loop("ambi_choir"));
        var damaged = clean.Select(c => (float[])c.Clone()).ToArray();
        Faults.AddNoise(damaged, pink: true, snrDb: 20, seed: 2);
        Faults.AddClicks(damaged, rate, perMinute: 100, longest: 100, seed: 4);

        var (restored, report) = Restore(damaged, rate, RestoreSettings.Only(declick: true, denoise: true));

        var before = Faults.Sdr(clean, damaged);
        var after = Faults.Sdr(clean, restored);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clicks in pink hiss: SDR {before:0.0} -> {after:0.0} dB; {report.Declick!.Clicks} clicks, floor {report.Denoise!.FloorDbfs} dBFS"));
        Assert.True(after - before >= 6.0, $"SDR {before:0.0} -> {after:0.0} dB");
    }

    [Fact]
    public void HumUnderAClip_BothTakenAway()
    {
        var (clean, rate) = PlanarAudio.Read(Material.Loop("ambi_choir"));
        var gain = 2.0f / clean.Max(c => c.Max(Math.Abs));
        var loud = clean.Select(c => c.Select(v => v * gain).ToArray()).ToArray();
        var damaged = loud.Select(c => (float[])c.Clone()).ToArray();
        Faults.AddHum(damaged, rate, 60.0, rmsDbfs: -40, driftHz: 0.2);
        damaged = [.. damaged.Select(c => c.Select(v => Math.Clamp(v, -1.0f, 1.0f)).ToArray())];

        var (restored, report) = Restore(damaged, rate, RestoreSettings.Only(declip: true, dehum: true));

        var before = Faults.Sdr(loud, damaged);
        var after = Faults.Sdr(loud, restored);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"60 Hz hum under a +6 dB clip: SDR {before:0.0} -> {after:0.0} dB; {report.Declip!.Runs} runs, hum {report.Dehum!.MainsHz} Hz"));
        Assert.Equal(60.0, report.Dehum.MainsHz);
        Assert.True(after - before >= 10.0, $"SDR {before:0.0} -> {after:0.0} dB");
    }

    [Fact]
    public void SkewAndAnInvertedChannel_AutoSetsBothRight()
    {
        var (clean, rate) = PlanarAudio.Read(Material.Loop("loop_compus"));
        var own = new Azimuth.ChannelDelayMeter(rate);
        own.Add(new Dsp.AudioBlock(clean, 2, 0, clean[0].Length));
        // The second channel 1.5 samples late (by linear interpolation of a half sample, then one whole) and turned over.
        var late = new float[clean[1].Length];
        for (var i = 2; i < late.Length; i++)
        {
            late[i] = -0.5f * (clean[1][i - 1] + clean[1][i - 2]);
        }

        float[][] damaged = [clean[0], late];

        var (_, report) = Restore(damaged, rate, RestoreSettings.Auto);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skew 1.5 samples and inverted: polarity {report.Polarity?.Channel}, delay {report.Azimuth?.DelaySamples} (own {own.Result()!.Value.Samples:0.000}), coherence {report.Azimuth?.Coherence}"));
        Assert.Equal(2, report.Polarity?.Channel);
        Assert.Equal(2, report.Azimuth?.ChannelAdvanced);
        Assert.Equal(1.5, report.Azimuth!.DelaySamples - own.Result()!.Value.Samples, 0.1);
    }

    private (float[][] Restored, Contracts.Reports.RestorationReport Report) Restore(float[][] damaged, int rate, RestoreSettings settings)
    {
        var input = Path.Combine(_folder, "damaged.wav");
        PlanarAudio.Write(input, damaged, rate);
        var restored = Path.Combine(_folder, "restored.wav");
        var report = new RestoreJob(settings).Run(input, restored, TestContext.Current.CancellationToken);
        return (PlanarAudio.Read(restored).Channels, report);
    }
}
