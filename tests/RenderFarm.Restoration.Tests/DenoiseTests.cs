using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Restoration.Denoise;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

/// <summary>
/// De-noise on real recordings with white or pink noise added at 20 and 10 dB SNR, judged by the SDR against the
/// clean original, beside ffmpeg's afftdn at the same reduction, as it runs alone and told the noise floor our
/// profile found (its output moved back by the latency it leaves in); the profile found against the noise's
/// true level; auto's judgement of a steady floor; a profile from a passage given; bad settings refused.
/// </summary>
public sealed class DenoiseTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Material.TempFolder("denoise");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Material, pink or white, SNR (dB); the least SDR gain (dB); how far past afftdn alone, and told our floor.
    // Song 1 never falls quiet: its profile comes from the bins' quietest moments, a dB or so over the truth,
    // and with white noise afftdn told the floor does as well as we do (docs/limits.md).
    [Theory]
    [InlineData("song1", false, 20.0, 4.0, 1.5, -2.0)]
    [InlineData("song1", true, 20.0, 1.5, 1.0, 0.8)]
    [InlineData("song1", false, 10.0, 7.0, 7.0, 0.0)]
    [InlineData("ambi_choir", true, 20.0, 5.0, 5.0, 4.0)]
    [InlineData("ambi_choir", false, 10.0, 9.0, 9.0, 1.0)]
    public void Denoise_LearnsTheNoise_AndTakesItAway(string material, bool pink, double snr, double leastGain, double pastAlone, double pastTold)
    {
        var source = material == "song1" ? Material.Piece(_folder, "song1", 1, 20, 30) : Material.Loop(material);
        var (clean, rate) = PlanarAudio.Read(source);
        var noisy = clean.Select(c => (float[])c.Clone()).ToArray();
        Faults.AddNoise(noisy, pink, snr, seed: 7);
        var input = Path.Combine(_folder, "noisy.wav");
        PlanarAudio.Write(input, noisy, rate);

        var restored = Path.Combine(_folder, "restored.wav");
        var report = new RestoreJob(RestoreSettings.Only(denoise: true)).Run(input, restored, TestContext.Current.CancellationToken);

        var denoise = report.Denoise!;
        var f = CultureInfo.InvariantCulture;
        var before = Faults.Sdr(clean, noisy);
        var after = Faults.Sdr(clean, PlanarAudio.Read(restored).Channels);
        var alone = Afftdn(clean, noisy, input, "afftdn=nr=12");
        var told = Afftdn(clean, noisy, input, string.Create(f, $"afftdn=nr=12:nf={Math.Clamp(denoise.FloorDbfs, -80, -20)}"));
        var truth = 10 * Math.Log10(noisy.Select((c, ch) => c.Select((v, i) => Math.Pow(v - clean[ch][i], 2)).Average()).Average());
        output.WriteLine(string.Create(f, $"{material}, {(pink ? "pink" : "white")} noise at {snr} dB SNR ({truth:0.0} dBFS): profile {denoise.FloorDbfs} dBFS from {denoise.ProfileFrom.Count} passages; " +
            $"SDR {before:0.0} -> {after:0.0} dB (level down {denoise.RemovedDb} dB); afftdn alone {alone:0.0} dB, told the floor {told:0.0} dB"));
        Assert.Equal("quietest", denoise.ProfileSource);
        Assert.InRange(denoise.FloorDbfs, truth - 1.5, truth + 2.5);
        Assert.True(after - before >= leastGain, $"{material}: SDR {before:0.0} -> {after:0.0} dB");
        Assert.True(after >= alone + pastAlone, $"{material}: ours {after:0.0} dB, afftdn alone {alone:0.0} dB");
        Assert.True(after >= told + pastTold, $"{material}: ours {after:0.0} dB, afftdn told the floor {told:0.0} dB");
    }

    [Fact]
    public void NoiseAlone_ItsProfileIsItsLevel_BandByBand()
    {
        const int rate = 48000;
        var noise = new[] { new float[20 * rate], new float[20 * rate] };
        var tone = noise.Select(c => c.Select((_, i) => (float)(0.1 * Math.Sin(2 * Math.PI * 440 * i / rate))).ToArray()).ToArray();
        Faults.AddNoise(tone, pink: true, snrDb: 0, seed: 3);
        var pink = tone.Select((c, ch) => c.Select((v, i) => v - (float)(0.1 * Math.Sin(2 * Math.PI * 440 * i / rate))).ToArray()).ToArray();
        var learner = new NoiseLearner(rate, 2, new DenoiseSettings());
        learner.Add(new Dsp.AudioBlock(pink, 2, 0, pink[0].Length));

        var profile = learner.Result()!;

        var truth = 10 * Math.Log10(pink.Average(c => c.Average(v => (double)v * v)));
        output.WriteLine($"pink alone {truth:0.0} dBFS, profile {profile.FloorDbfs} dBFS");
        Assert.InRange(profile.FloorDbfs, truth - 1.5, truth + 1.0);
        Assert.True(profile.Steady);
        // Pink: 3 dB down an octave, 1 dB a third-octave band, from 100 Hz to 16 kHz.
        var bands = profile.Bands().Where(b => b.Hz is >= 100 and <= 16000).ToArray();
        for (var i = 3; i < bands.Length; i++)
        {
            Assert.InRange(bands[i].Dbfs - bands[i - 3].Dbfs, -1.0, 1.0);
        }
    }

    [Fact]
    public void Auto_TakesASteadyFloor_AndLeavesCleanMusicAlone()
    {
        var (clean, rate) = PlanarAudio.Read(Material.Loop("ambi_choir"));
        var hiss = clean.Select(c => (float[])c.Clone()).ToArray();
        Faults.AddNoise(hiss, pink: false, snrDb: 30, seed: 5);
        var noisy = Path.Combine(_folder, "hiss.wav");
        PlanarAudio.Write(noisy, hiss, rate);
        var quiet = Material.Piece(_folder, "clean", 1, 30, 20);

        var found = new RestoreJob(RestoreSettings.Auto).Run(noisy, Path.Combine(_folder, "a.wav"), TestContext.Current.CancellationToken);
        var left = new RestoreJob(RestoreSettings.Auto).Run(quiet, Path.Combine(_folder, "b.wav"), TestContext.Current.CancellationToken);

        Assert.NotNull(found.Denoise);
        Assert.True(Faults.Sdr(clean, PlanarAudio.Read(Path.Combine(_folder, "a.wav")).Channels) > Faults.Sdr(clean, hiss) + 3);
        Assert.Null(left.Denoise);
    }

    [Fact]
    public void AGivenPassage_IsWhereTheProfileComesFrom()
    {
        // Two seconds of tape hiss alone before the music, as a transfer's lead-in.
        var (music, rate) = PlanarAudio.Read(Material.Loop("ambi_choir"));
        var clean = music.Select(c => new float[2 * rate].Concat(c.Take(20 * rate)).ToArray()).ToArray();
        var noisy = clean.Select(c => (float[])c.Clone()).ToArray();
        Faults.AddNoise(noisy, pink: true, snrDb: 20, seed: 9);
        var input = Path.Combine(_folder, "leadin.wav");
        PlanarAudio.Write(input, noisy, rate);
        var restored = Path.Combine(_folder, "restored.wav");
        var settings = RestoreSettings.Only(denoise: true) with { DenoiseSettings = new() { ReductionDb = 20, ProfileStartS = 0.2, ProfileEndS = 1.8 } };

        var report = new RestoreJob(settings).Run(input, restored, TestContext.Current.CancellationToken);

        var lead = 10 * Math.Log10(noisy.Average(c => c.Take(2 * rate).Average(v => (double)v * v)));
        output.WriteLine($"lead-in {lead:0.0} dBFS, profile {report.Denoise!.FloorDbfs} dBFS");
        Assert.Equal("range", report.Denoise!.ProfileSource);
        Assert.Equal([new(0.2, 1.8)], report.Denoise.ProfileFrom);
        Assert.InRange(report.Denoise.FloorDbfs, lead - 0.5, lead + 0.5);
        // The lead-in of hiss alone is taken down, by no more than the reduction asked for.
        var (after, _) = PlanarAudio.Read(restored);
        var leadAfter = 10 * Math.Log10(after.Average(c => c.Skip(rate / 2).Take(rate).Average(v => (double)v * v)));
        Assert.InRange(lead - leadAfter, 12.0, 20.5);
        Assert.True(Faults.Sdr(clean, after, 2 * rate, 20 * rate) > Faults.Sdr(clean, noisy, 2 * rate, 20 * rate) + 3);
    }

    [Fact]
    public void BadSettings_AreRefused_NamingTheSetting()
    {
        var input = Material.Loop("loop_tabla");
        var output = Path.Combine(_folder, "out.wav");

        var absurd = Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreJob(RestoreSettings.Only(denoise: true) with { DenoiseSettings = new() { ReductionDb = 80 } }));
        var half = Assert.Throws<ArgumentException>(() => new RestoreJob(RestoreSettings.Only(denoise: true) with { DenoiseSettings = new() { ProfileStartS = 1 } }));
        var past = Assert.Throws<AudioFileException>(() => new RestoreJob(RestoreSettings.Only(denoise: true) with { DenoiseSettings = new() { ProfileStartS = 100, ProfileEndS = 101 } }).Run(input, output, TestContext.Current.CancellationToken));

        Assert.Contains("restore.denoise.reduction_db 80 dB is out of range", absurd.Message, StringComparison.Ordinal);
        Assert.Contains("restore.denoise.profile", half.Message, StringComparison.Ordinal);
        Assert.Contains(input, past.Message, StringComparison.Ordinal);
        Assert.Contains("restore.denoise.profile", past.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    // ffmpeg's afftdn over the input, its output moved back by the latency afftdn leaves in, as SDR against clean.
    private double Afftdn(float[][] clean, float[][] noisy, string input, string filter)
    {
        var path = Path.Combine(_folder, "afftdn.wav");
        Tools.Ffmpeg("-i", input, "-af", filter, "-c:a", "pcm_f32le", path);
        var raw = PlanarAudio.Read(path).Channels;
        var lag = Faults.Delay(noisy, raw, 4096);
        return Faults.Sdr(clean, Faults.Advance(raw, lag), 0, clean[0].Length - lag);
    }
}
