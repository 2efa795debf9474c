using RenderFarm.Audio;
using RenderFarm.Contracts.Reports;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

public sealed class RestoreJobTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("restore");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Auto_OnCleanMaterial_ChangesNothing()
    {
        var clean = Material.Piece(_folder, "clean", 1, 30, 20);
        var output = Path.Combine(_folder, "restored.wav");

        var report = new RestoreJob(RestoreSettings.Auto).Run(clean, output, TestContext.Current.CancellationToken);

        Assert.Null(report.Dc);
        Assert.Null(report.Polarity);
        Assert.Null(report.Declip);
        Assert.Null(report.Dehum);
        Assert.Null(report.Denoise);
        var (before, _) = PlanarAudio.Read(clean);
        var (after, _) = PlanarAudio.Read(output);
        Assert.True(Faults.Sdr(before, after) >= 60.0, $"clean material changed: {Faults.Sdr(before, after):0.0} dB SDR, {report.Declick?.Clicks} repairs");
    }

    [Fact]
    public void Auto_RemovesDcAndTurnsOverAnInvertedChannel()
    {
        var (clean, rate) = PlanarAudio.Read(Material.Piece(_folder, "clean", 1, 30, 20));
        var faulty = clean.Select(c => (float[])c.Clone()).ToArray();
        for (var i = 0; i < faulty[1].Length; i++)
        {
            faulty[0][i] += 0.02f;
            faulty[1][i] = -faulty[1][i] - 0.01f;
        }

        var input = Path.Combine(_folder, "faulty.wav");
        PlanarAudio.Write(input, faulty, rate);
        var output = Path.Combine(_folder, "restored.wav");

        var report = new RestoreJob(RestoreSettings.Auto).Run(input, output, TestContext.Current.CancellationToken);

        Assert.NotNull(report.Dc);
        // The offset put in, and the music's own (under a thousandth).
        Assert.InRange(report.DcOffset[0], 0.019, 0.021);
        Assert.Equal(2, report.Polarity?.Channel);
        Assert.True(report.Polarity!.CorrelationBefore < -0.5);
        Assert.All(report.Declick!.Listed, c => Assert.True(c.StartS < 20.0, $"a click listed at {c.StartS} s, past the end"));
        var (restored, _) = PlanarAudio.Read(output);
        // The high-pass takes the recording's own slow drift (below 2 Hz) too: the reference is the clean
        // recording through the same high-pass, which a constant offset leaves unchanged once it has settled.
        clean = Offline.Run(new Dc.DcRemover(), clean, rate);
        // The first and last half second hold the high-pass's settling; in between the offset is gone.
        var skip = rate / 2;
        var sdr = Faults.Sdr(clean, restored, skip, clean[0].Length - (2 * skip));
        Assert.True(sdr >= 60.0, $"restored against clean: {sdr:0.0} dB SDR ({report.Declick?.Clicks} clicks rebuilt: {string.Join(", ", report.Declick?.Listed.Select(c => $"{c.StartS}+{c.Samples}") ?? [])})");
        Assert.True(Faults.Sdr(clean, faulty, skip, clean[0].Length - (2 * skip)) < 0.0);
    }

    [Fact]
    public void Progress_GoesFromTheAnalysisToTheEnd_InOrder()
    {
        var input = Material.Piece(_folder, "clean", 1, 30, 20);
        var heard = new Heard();

        new RestoreJob(RestoreSettings.Only(dc: true)).Run(input, Path.Combine(_folder, "out.wav"), heard, TestContext.Current.CancellationToken);

        Assert.Equal(0.3, heard.Values[0]);
        Assert.True(heard.Values.Count > 3, $"{heard.Values.Count} reports");
        Assert.Equal(heard.Values.Order(), heard.Values);
        Assert.InRange(heard.Values[^1], 0.95, 1.0);
    }

    [Fact]
    public void NotANumber_FailsNamingTheFileAndTheFrame()
    {
        // Our writer refuses NaN, so a marker value is written and its bytes turned into a NaN's.
        const float Marker = 0.123456f;
        var samples = new[] { new float[48_000], new float[48_000] };
        samples[0][100] = 0.5f;
        samples[1][30_000] = Marker;
        var input = Path.Combine(_folder, "nan.wav");
        PlanarAudio.Write(input, samples, 48_000);
        var bytes = File.ReadAllBytes(input);
        var at = bytes.AsSpan().IndexOf(BitConverter.GetBytes(Marker));
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, at);
        File.WriteAllBytes(input, bytes);
        var output = Path.Combine(_folder, "out.wav");

        var e = Assert.Throws<AudioFileException>(() => new RestoreJob(RestoreSettings.Auto).Run(input, output, TestContext.Current.CancellationToken));

        Assert.Contains("nan.wav", e.Message, StringComparison.Ordinal);
        Assert.Contains("frame 30000", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Silence_And_MonoPolarity_FailWithTheirReason()
    {
        var input = Path.Combine(_folder, "silence.wav");
        PlanarAudio.Write(input, [new float[48_000], new float[48_000]], 48_000);
        var silent = Assert.Throws<AudioFileException>(() => new RestoreJob(RestoreSettings.Auto).Run(input, Path.Combine(_folder, "a.wav"), TestContext.Current.CancellationToken));
        Assert.Contains("silent", silent.Message, StringComparison.Ordinal);

        var mono = Path.Combine(_folder, "mono.wav");
        var tone = new float[48_000];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 440 * i / 48_000.0));
        }

        PlanarAudio.Write(mono, [tone], 48_000);
        var polarity = Assert.Throws<AudioFileException>(() => new RestoreJob(RestoreSettings.Only(declick: false, dc: false, polarity: true)).Run(mono, Path.Combine(_folder, "b.wav"), TestContext.Current.CancellationToken));
        Assert.Contains("mono.wav", polarity.Message, StringComparison.Ordinal);
        Assert.Contains("channel", polarity.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsurdThreshold_IsRefusedNamingTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreJob(RestoreSettings.Auto with { DeclickSettings = new() { Threshold = 1e6 } }));
        Assert.Contains("restore.declick.threshold", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_RoundTripsThroughItsJson()
    {
        var report = new RestorationReport { Input = "in.wav", Declick = new DeclickOutcome { Clicks = 3, Listed = [new ClickEntry(1.5, 4, 2)] } };
        var json = ReportJson.Write(report);
        Assert.Contains("\"clicks_per_minute\"", json, StringComparison.Ordinal);
        Assert.Equal(3, ReportJson.ReadRestoration(json).Declick?.Clicks);
    }

    // Progress as it is reported, on the reporting thread.
    private sealed class Heard : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }
}
