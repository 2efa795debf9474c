using System.Text.Json;
using RenderFarm.Audio.Analysis;
using RenderFarm.Audio.Wav;
using RenderFarm.Cli.Commands;
using RenderFarm.Testing;

namespace RenderFarm.Cli.Tests;

/// <summary><c>renderfarm analyze</c>: its JSON and table, order, failures that do not stop the others, and exit codes.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private static readonly string[] RequiredFields =
    [
        "file", "sample_rate", "channels", "duration_s", "integrated_lufs", "loudness_range_lu",
        "true_peak_dbtp", "sample_peak_dbfs", "max_momentary_lufs", "max_short_term_lufs",
    ];

    private readonly string _folder = Material.TempFolder("cli");

    [Fact]
    public void Json_OneObjectPerFileInOrder_WithTheRequiredFieldsAndTheAnalyzersFigures()
    {
        string[] files = [Material.Song(2), Material.Loop("loop_amen_full"), Material.Format("flac")];
        var lines = RunJson(files, out var exit);
        Assert.Equal(0, exit);
        Assert.Equal(files.Length, lines.Count);
        for (var i = 0; i < files.Length; i++)
        {
            var o = lines[i];
            Assert.All(RequiredFields, f => Assert.True(o.TryGetProperty(f, out _), f));
            Assert.Equal(files[i], o.GetProperty("file").GetString());
            var expected = FileAnalyzer.Analyze(files[i], cancellationToken: TestContext.Current.CancellationToken).Loudness;
            Assert.Equal(expected.IntegratedLufs, o.GetProperty("integrated_lufs").GetDouble(), 0.005);
            Assert.Equal(expected.TruePeakDbtp, o.GetProperty("true_peak_dbtp").GetDouble(), 0.005);
            Assert.Equal(expected.LoudnessRangeLu, o.GetProperty("loudness_range_lu").GetDouble(), 0.005);
            Assert.Equal(expected.DurationSeconds, o.GetProperty("duration_s").GetDouble(), 1e-6);
        }

        Assert.Equal(44_100, lines[2].GetProperty("sample_rate").GetInt32());
    }

    [Fact]
    public void BadFileAmongGoodOnes_ReportsItsErrorOthersComplete_ExitCodeOne()
    {
        var truncated = Path.Combine(_folder, "truncated.wav");
        var bytes = File.ReadAllBytes(Material.Song(0));
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);
        string[] files = [Material.Song(1), truncated, Path.Combine(_folder, "missing.flac"), Material.Song(2)];
        var lines = RunJson(files, out var exit);
        Assert.Equal(AnalyzeCommand.ExitSomeFailed, exit);
        Assert.Equal(4, lines.Count);
        Assert.True(lines[0].TryGetProperty("integrated_lufs", out _));
        Assert.Contains("truncated", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(truncated, lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(lines[3].TryGetProperty("integrated_lufs", out _));
    }

    [Fact]
    public void NaNSamples_ErrorNamesFileTimeAndChannel()
    {
        var path = Path.Combine(_folder, "nan.wav");
        var data = new byte[48_000 * 4];
        BitConverter.TryWriteBytes(data.AsSpan(4 * 24_000), float.NaN);
        File.WriteAllBytes(path, WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(3, 1, 48_000, 32), null), ("data", data, null)));
        var line = Assert.Single(RunJson([path], out var exit));
        Assert.Equal(1, exit);
        var error = line.GetProperty("error").GetString()!;
        Assert.Contains($"{path}: sample data: sample NaN at frame 24000 on channel 1", error, StringComparison.Ordinal);
        Assert.Contains("0.500 s", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_LevelsAreNullNotInfinity()
    {
        var path = Path.Combine(_folder, "silence.wav");
        using (var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = 2 }))
        {
            writer.Write([new double[96_000], new double[96_000]], 0, 96_000);
            writer.Complete();
        }

        var o = Assert.Single(RunJson([path], out _));
        Assert.Equal(JsonValueKind.Null, o.GetProperty("integrated_lufs").ValueKind);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("true_peak_dbtp").ValueKind);
        Assert.Equal(0.0, o.GetProperty("loudness_range_lu").GetDouble());
    }

    [Fact]
    public void Series_TenReadingsASecond()
    {
        var o = Assert.Single(RunJson([Material.Loop("loop_garzul")], out _, series: true));
        var series = o.GetProperty("series");
        Assert.Equal(0.1, series.GetProperty("interval_s").GetDouble());
        Assert.Equal(600, series.GetProperty("momentary_lufs").GetArrayLength());
        Assert.Equal(600, series.GetProperty("short_term_lufs").GetArrayLength());
    }

    [Fact]
    public void LraRateOne_ReproducesLibebur128sLoudnessRange()
    {
        var path = Material.Song(1);
        using var output = new StringWriter();
        AnalyzeCommand.Run([path], json: true, series: false, jobs: 1, output, lraReadingsPerSecond: 1);
        var ours = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("loudness_range_lu").GetDouble();
        Assert.Equal(ReferenceMeter.MeasureFile(path).LoudnessRangeLu, ours, 0.01);
    }

    [Fact]
    public void Table_HeaderAndOneRowPerFile()
    {
        using var output = new StringWriter();
        var exit = AnalyzeCommand.Run([Material.Song(0), Path.Combine(_folder, "nope.wav")], json: false, series: false, jobs: 2, output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.Contains("Integrated", lines[0], StringComparison.Ordinal);
        var integrated = FileAnalyzer.Analyze(Material.Song(0), cancellationToken: TestContext.Current.CancellationToken).Loudness.IntegratedLufs;
        Assert.StartsWith(integrated.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(11), lines[2], StringComparison.Ordinal);
        Assert.Contains("nope.wav: file: does not exist", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_AnalyzeJsonAndUsageErrors_ExitCodes()
    {
                var (ok, okOutput) = CliProcess.Run("analyze", "--json", Material.Song(3));
        Assert.Equal(0, ok);
        Assert.Equal(48_000, JsonDocument.Parse(okOutput).RootElement.GetProperty("sample_rate").GetInt32());
        var (usage, _) = CliProcess.Run("analyze");
        Assert.NotEqual(0, usage);
        var (badJobs, _) = CliProcess.Run("analyze", "--jobs", "0", Material.Song(3));
        Assert.NotEqual(0, badJobs);
        var (badRate, _) = CliProcess.Run("analyze", "--lra-rate", "3", Material.Song(3));
        Assert.NotEqual(0, badRate);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<JsonElement> RunJson(string[] files, out int exit, bool series = false)
    {
        using var output = new StringWriter();
        exit = AnalyzeCommand.Run(files, json: true, series, jobs: 2, output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
