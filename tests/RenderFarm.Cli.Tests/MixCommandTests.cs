using System.Text.Json;
using RenderFarm.Cli.Commands;
using RenderFarm.Testing;

namespace RenderFarm.Cli.Tests;

/// <summary><c>renderfarm session init</c> and <c>renderfarm mix</c> on real stems: the scaffold, the JSON report, stems, 24-bit output and refusals.</summary>
public sealed class MixCommandTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("cli-mix");

    [Fact]
    public void SessionInit_ThenMix_WithStems_GivesTheReportAndFiles()
    {
        // A stems folder: three of song 3's parts, one of them converted to 44.1 kHz mono.
        var stems = Path.Combine(_folder, "stems");
        Directory.CreateDirectory(stems);
        var song = Material.Stems(3);
        File.Copy(song[2], Path.Combine(stems, "bass.wav"));
        File.Copy(song[^1], Path.Combine(stems, "drums.wav"));
        Tools.Ffmpeg("-i", song[4], "-ac", "1", "-ar", "44100", "-c:a", "pcm_s16le", Path.Combine(stems, "strings.wav"));
        File.WriteAllText(Path.Combine(stems, "notes.txt"), "not audio");

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, SessionCommand.Init(stems, null, force: false, stdout, stderr));
        var sessionPath = Path.Combine(stems, "session.json");
        var scaffold = JsonDocument.Parse(File.ReadAllText(sessionPath)).RootElement;
        Assert.Equal(48_000, scaffold.GetProperty("sample_rate").GetInt32());
        Assert.Equal(["bass", "drums", "strings"], scaffold.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Contains("strings.wav is at 44100 Hz", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, SessionCommand.Init(stems, null, force: false, stdout, stderr)); // does not overwrite
        Assert.Contains("already exists", stderr.ToString(), StringComparison.Ordinal);

        using var mixOut = new StringWriter();
        var mix = Path.Combine(_folder, "mix.wav");
        var exit = MixCommand.Run(sessionPath, mix, Path.Combine(_folder, "rendered-stems"), "s24", null, json: true, mixOut, stderr);
        Assert.True(exit == 0, stderr.ToString());
        var report = JsonDocument.Parse(mixOut.ToString()).RootElement;
        Assert.Equal("stems then mixdown", report.GetProperty("mode").GetString());
        var reference = ReferenceMeter.MeasureFile(mix);
        Assert.Equal(reference.IntegratedLufs, report.GetProperty("mix").GetProperty("integrated_lufs").GetDouble(), 0.02);
        Assert.Equal(3, report.GetProperty("tracks").GetArrayLength());
        Assert.All(report.GetProperty("tracks").EnumerateArray(), t => Assert.True(t.GetProperty("integrated_lufs").GetDouble() is > -40 and < -10));
        Assert.Equal(3, report.GetProperty("stems").GetArrayLength());
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("resampled", StringComparison.Ordinal));
        var probe = Tools.Probe(mix).GetProperty("streams")[0];
        Assert.Equal("pcm_s24le", probe.GetProperty("codec_name").GetString());
        Assert.Equal(2, probe.GetProperty("channels").GetInt32());
    }

    [Fact]
    public void Mix_RefusesABadSession_NamingFileAndField()
    {
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "compressor", "ratio": 1e9 } ] } ] }""");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(1, MixCommand.Run(path, Path.Combine(_folder, "mix.wav"), null, "f32", null, json: false, stdout, stderr));
        Assert.StartsWith($"renderfarm mix: {path}: $.tracks[0].inserts[0].ratio", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "mix.wav")));

        using var stderr2 = new StringWriter();
        Assert.Equal(1, MixCommand.Run(Path.Combine(_folder, "none.json"), Path.Combine(_folder, "mix.wav"), null, "f32", null, json: false, stdout, stderr2));
        Assert.Contains("does not exist", stderr2.ToString(), StringComparison.Ordinal);
        using var stderr3 = new StringWriter();
        Assert.Equal(1, MixCommand.Run(path, Path.Combine(_folder, "mix.wav"), null, "mp3", null, json: false, stdout, stderr3));
        Assert.Contains("--format", stderr3.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
