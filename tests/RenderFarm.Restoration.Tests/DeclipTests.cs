using System.Diagnostics;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

/// <summary>
/// De-clip on real recordings driven 6 dB into a hard clip (their peak put at +6 dBFS, then clipped at full
/// scale), judged by the signal-to-distortion ratio against the unclipped signal, beside ffmpeg's adeclip.
/// </summary>
public sealed class DeclipTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Material.TempFolder("declip");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("song1", 6.0, 3.0)]
    [InlineData("ambi_choir", 6.0, 3.0)]
    // A breakbeat clipped on every hit (8.6 % of its samples): de-clip gains less there (docs/limits.md).
    [InlineData("loop_amen_full", 2.0, 1.0)]
    public void Declip_RebuildsClippedRuns_BeyondTheClip_AndBeatsAdeclip(string material, double leastGain, double pastAdeclip)
    {
        var (reference, clipped, rate) = Clipped(material);
        var input = Path.Combine(_folder, "clipped.wav");
        PlanarAudio.Write(input, clipped, rate);

        var restored = Path.Combine(_folder, "restored.wav");
        var watch = Stopwatch.StartNew();
        var report = new RestoreJob(RestoreSettings.Only(declip: true)).Run(input, restored, TestContext.Current.CancellationToken);
        var ours = watch.Elapsed;
        var (rebuilt, _) = PlanarAudio.Read(restored);

        var adeclipped = Path.Combine(_folder, "adeclip.wav");
        watch.Restart();
        Tools.Ffmpeg("-i", input, "-af", "adeclip", "-c:a", "pcm_f32le", adeclipped);
        var theirs = watch.Elapsed;
        var (ffmpeg, _) = PlanarAudio.Read(adeclipped);

        var before = Faults.Sdr(reference, clipped);
        var after = Faults.Sdr(reference, rebuilt);
        var adeclip = Faults.Sdr(reference, ffmpeg);
        var clippedSamples = clipped.Sum(c => c.Count(v => Math.Abs(v) >= 1.0f));
        output.WriteLine($"{material}: {clippedSamples} samples clipped ({100.0 * clippedSamples / (clipped.Length * clipped[0].Length):0.00} %); SDR {before:0.0} dB -> {after:0.0} dB " +
            $"({report.Declip!.Runs} runs, rebuilt peak {report.Declip.RebuiltPeakDbfs:0.0} dBFS), adeclip {adeclip:0.0} dB; time {ours.TotalSeconds:0.00} s, adeclip {theirs.TotalSeconds:0.00} s");
        Assert.True(after - before >= leastGain, $"{material}: SDR {before:0.0} -> {after:0.0} dB");
        Assert.True(after >= adeclip + pastAdeclip, $"{material}: ours {after:0.0} dB, adeclip {adeclip:0.0} dB");

        // Consistent with the clip: where the input sat at full scale, the rebuilt waveform is at or beyond it.
        for (var c = 0; c < clipped.Length; c++)
        {
            for (var i = 0; i < clipped[c].Length; i++)
            {
                if (Math.Abs(clipped[c][i]) >= 1.0f)
                {
                    Assert.True(rebuilt[c][i] * Math.Sign(clipped[c][i]) >= 1.0f - 1e-6f, $"channel {c} frame {i}: {rebuilt[c][i]} inside the clip");
                }
            }
        }
    }

    [Fact]
    public void Auto_OnUnclippedMaterial_DoesNotDeclip()
    {
        var clean = Material.Piece(_folder, "clean", 1, 30, 10);

        var report = new RestoreJob(RestoreSettings.Auto).Run(clean, Path.Combine(_folder, "out.wav"), TestContext.Current.CancellationToken);

        Assert.Null(report.Declip);
        Assert.All(report.DcOffset, d => Assert.InRange(d, -0.01, 0.01));
    }

    [Fact]
    public void AskedToDeclip_UnclippedMaterial_FailsSayingSo()
    {
        var clean = Material.Piece(_folder, "clean", 1, 30, 10);

        var e = Assert.Throws<RenderFarm.Audio.AudioFileException>(() => new RestoreJob(RestoreSettings.Only(declip: true)).Run(clean, Path.Combine(_folder, "out.wav"), TestContext.Current.CancellationToken));

        Assert.Contains("no clipping", e.Message, StringComparison.Ordinal);
    }

    // The material with its peak put at +6 dBFS (the reference) and that clipped at full scale.
    private (float[][] Reference, float[][] Clipped, int Rate) Clipped(string material)
    {
        var source = material == "song1" ? Material.Piece(_folder, "song1", 1, 20, 30) : Material.Loop(material);
        var (whole, rate) = PlanarAudio.Read(source);
        // 20 s: adeclip, beside which it is measured, takes 40 s over a minute of a clipped breakbeat.
        var clean = whole.Select(c => c.AsSpan(0, Math.Min(c.Length, 20 * rate)).ToArray()).ToArray();
        var peak = clean.Max(c => c.Max(Math.Abs));
        var gain = 2.0f / peak;
        var reference = clean.Select(c => c.Select(v => v * gain).ToArray()).ToArray();
        var clipped = reference.Select(c => c.Select(v => Math.Clamp(v, -1.0f, 1.0f)).ToArray()).ToArray();
        return (reference, clipped, rate);
    }
}
