using System.Globalization;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

/// <summary>
/// De-hum on real recordings with mains hum added (six harmonics, -40 dBFS RMS, the fundamental drifting
/// 0.2 Hz), judged by the SDR against the clean original, beside a chain of ffmpeg notches (2 Hz wide) on the
/// nominal harmonics; and a clean recording through de-hum at 60 Hz, which must leave it alone.
/// </summary>
public sealed class DehumTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Material.TempFolder("dehum");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Material, mains, the least SDR gain (dB). Song 1 holds notes right by the hum's harmonics (G at 49, 98,
    // 147 Hz): any repair takes some of them; notches take more.
    [Theory]
    [InlineData("song1", 50.0, 4.0)]
    [InlineData("ambi_choir", 60.0, 15.0)]
    public void Dehum_FindsTheMains_FollowsItsDrift_AndTakesItAway_BetterThanNotches(string material, double mains, double leastGain)
    {
        var source = material == "song1" ? Material.Piece(_folder, "song1", 1, 20, 30) : Material.Loop(material);
        var (clean, rate) = PlanarAudio.Read(source);
        var hummed = clean.Select(c => (float[])c.Clone()).ToArray();
        Faults.AddHum(hummed, rate, mains, rmsDbfs: -40, driftHz: 0.2);
        var input = Path.Combine(_folder, "hum.wav");
        PlanarAudio.Write(input, hummed, rate);

        var restored = Path.Combine(_folder, "restored.wav");
        var report = new RestoreJob(RestoreSettings.Only(dehum: true)).Run(input, restored, TestContext.Current.CancellationToken);
        var notched = Path.Combine(_folder, "ffmpeg.wav");
        var f = CultureInfo.InvariantCulture;
        var chain = string.Join(",", Enumerable.Range(1, 6).Select(k => string.Create(f, $"bandreject=f={k * mains}:width_type=h:w=2")));
        Tools.Ffmpeg("-i", input, "-af", chain, "-c:a", "pcm_f32le", notched);

        // After the first two seconds (the notches settling; ffmpeg's as well).
        var skip = 2 * rate;
        var length = clean[0].Length - skip;
        var before = Faults.Sdr(clean, hummed, skip, length);
        var after = Faults.Sdr(clean, PlanarAudio.Read(restored).Channels, skip, length);
        var ffmpeg = Faults.Sdr(clean, PlanarAudio.Read(notched).Channels, skip, length);
        var hum = report.Dehum!;
        output.WriteLine($"{material}: {mains} Hz hum; found {hum.MainsHz} Hz, fundamental {hum.FundamentalMinHz}-{hum.FundamentalMaxHz} Hz, harmonics {string.Join(" ", hum.Harmonics)}, {hum.ContrastDb} dB; " +
            $"SDR {before:0.0} dB -> {after:0.0} dB, ffmpeg notches {ffmpeg:0.0} dB");
        Assert.Equal(mains, hum.MainsHz);
        Assert.InRange(hum.FundamentalMaxHz - hum.FundamentalMinHz, 0.1, 0.4);
        Assert.True(after - before >= leastGain, $"{material}: SDR {before:0.0} -> {after:0.0} dB");
        Assert.True(after >= ffmpeg + 3.0, $"{material}: ours {after:0.0} dB, ffmpeg's notches {ffmpeg:0.0} dB");
    }

    [Fact]
    public void Auto_FindsNoHum_InCleanMaterial()
    {
        var clean = Material.Piece(_folder, "clean", 0, 30, 20);

        var report = new RestoreJob(RestoreSettings.Auto).Run(clean, Path.Combine(_folder, "out.wav"), TestContext.Current.CancellationToken);

        Assert.Null(report.Dehum);
    }

    [Fact]
    public void CleanMaterial_ThroughAGivenMainsFrequency_IsLeftAlone()
    {
        var (clean, rate) = PlanarAudio.Read(Material.Loop("ambi_choir"));
        var input = Path.Combine(_folder, "clean.wav");
        PlanarAudio.Write(input, clean, rate);
        var output = Path.Combine(_folder, "out.wav");

        var report = new RestoreJob(RestoreSettings.Only(dehum: true) with { MainsHz = 60 }).Run(input, output, TestContext.Current.CancellationToken);

        Assert.Empty(report.Dehum!.Harmonics);
        var sdr = Faults.Sdr(clean, PlanarAudio.Read(output).Channels, 2 * rate, clean[0].Length - (4 * rate));
        Assert.True(sdr >= 60.0, $"clean choir through a 60 Hz hum fit: {sdr:0.0} dB SDR");
    }
}
