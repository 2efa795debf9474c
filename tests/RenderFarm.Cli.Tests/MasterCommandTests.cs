using System.Text.Json;
using RenderFarm.Cli.Commands;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Testing;

namespace RenderFarm.Cli.Tests;

/// <summary><c>renderfarm master</c>: its JSON report, the report.json it leaves, and its refusals.</summary>
public sealed class MasterCommandTests : IDisposable
{
    private static readonly string[] LoudnessFields =
    [
        "sample_rate", "channels", "duration_s", "integrated_lufs", "loudness_range_lu",
        "true_peak_dbtp", "sample_peak_dbfs", "max_momentary_lufs", "max_short_term_lufs",
    ];

    private readonly string _folder = Material.TempFolder("cli-master");

    [Fact]
    public void Json_HasInputOutputTargetGainQcAndDeliverables()
    {
        var input = Path.Combine(_folder, "song.wav");
        Tools.Ffmpeg("-i", Material.Song(2), "-t", "15", input);
        var output = Path.Combine(_folder, "out");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = MasterCommand.Run(input, "spotify", null, output, "wav,mp3", new TrackMetadata { Title = "Song" }, json: true, series: false, stdout, stderr);
        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(stdout.ToString()).RootElement;
        foreach (var part in new[] { "input", "output" })
        {
            Assert.All(LoudnessFields, f => Assert.True(report.GetProperty(part).TryGetProperty(f, out _), $"{part}.{f}"));
        }

        Assert.Equal(-14.0, report.GetProperty("output").GetProperty("integrated_lufs").GetDouble(), 0.1);
        Assert.Equal("spotify", report.GetProperty("target").GetProperty("name").GetString());
        Assert.True(report.GetProperty("target").GetProperty("met").GetBoolean());
        Assert.True(report.GetProperty("gain_db").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("qc").ValueKind);
        foreach (var finding in report.GetProperty("qc").EnumerateArray())
        {
            foreach (var field in new[] { "kind", "start_s", "end_s", "severity", "stage" })
            {
                Assert.True(finding.TryGetProperty(field, out _), field);
            }
        }

        var deliverables = report.GetProperty("deliverables").EnumerateArray().ToArray();
        Assert.Equal(["wav", "mp3"], deliverables.Select(d => d.GetProperty("format").GetString()));
        Assert.All(deliverables, d =>
        {
            Assert.True(File.Exists(d.GetProperty("path").GetString()));
            Assert.Equal(64, d.GetProperty("sha256").GetString()!.Length);
        });
        Assert.Equal(6, report.GetProperty("preview").GetArrayLength());
        Assert.Equal(stdout.ToString().Trim(), File.ReadAllText(Path.Combine(output, "report.json")).Trim());
    }

    [Theory]
    [InlineData("spotifi", null, null, "--target: 'spotifi' is not a known target")]
    [InlineData(null, null, null, "give a delivery target (--target spotify) or a profile")]
    [InlineData("spotify", null, "wav,ogg", "--formats: 'ogg' is not a deliverable")]
    [InlineData(null, "missing.json", null, "the profile file does not exist")]
    public void BadArguments_ClearMessageExitOne(string? target, string? profile, string? formats, string message)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = MasterCommand.Run(Material.Song(2), target, profile is null ? null : Path.Combine(_folder, profile), Path.Combine(_folder, "out"), formats, new TrackMetadata(), false, false, stdout, stderr);
        Assert.Equal(MasterCommand.ExitFailed, exit);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadIsrc_RefusedBeforeAnyWork()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var output = Path.Combine(_folder, "never");
        var exit = MasterCommand.Run(Material.Song(2), "spotify", null, output, "wav", new TrackMetadata { Isrc = "nope" }, false, false, stdout, stderr);
        Assert.Equal(MasterCommand.ExitFailed, exit);
        Assert.Contains("metadata.isrc: 'nope' is not an ISRC", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableInput_NamesTheFile()
    {
        var input = Path.Combine(_folder, "notes.wav");
        File.WriteAllText(input, "not audio");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = MasterCommand.Run(input, "spotify", null, Path.Combine(_folder, "out"), "wav", new TrackMetadata(), false, false, stdout, stderr);
        Assert.Equal(MasterCommand.ExitFailed, exit);
        Assert.Contains(input, stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
