using System.Text.Json;
using RenderFarm.Cli.Commands;
using RenderFarm.Restoration;
using RenderFarm.Testing;

namespace RenderFarm.Cli.Tests;

/// <summary><c>renderfarm restore</c>: its JSON report, the file it writes, and its refusals.</summary>
public sealed class RestoreCommandTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("cli-restore");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Declick_RebuildsClicks_AndReportsThemAsJson()
    {
        var (audio, rate) = PlanarAudio.Read(Material.Piece(_folder, "clean", 1, 20, 10));
        var clicks = Faults.AddClicks(audio, rate, perMinute: 120, longest: 20, seed: 3);
        var input = Path.Combine(_folder, "clicky.wav");
        PlanarAudio.Write(input, audio, rate);
        var output = Path.Combine(_folder, "restored.wav");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = RestoreCommand.Run(input, output, RestoreSettings.Only(declick: true, dc: false, polarity: false), json: true, stdout, stderr);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(stdout.ToString());
        var declick = report.RootElement.GetProperty("declick");
        // Each click is in both channels: a repair each.
        Assert.InRange(declick.GetProperty("clicks").GetInt64(), clicks.Count * 2 * 0.8, clicks.Count * 2 * 1.2);
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("dc").ValueKind);
        Assert.True(report.RootElement.GetProperty("change_sdr_db").GetDouble() < 60.0);
        Assert.Equal(rate * 10, PlanarAudio.Read(output).Channels[0].Length);
    }

    [Fact]
    public void Binary_Denoise_WithAReductionAndAPassage_AndABadPassageRefused()
    {
        var (audio, rate) = PlanarAudio.Read(Material.Piece(_folder, "clean", 1, 20, 6));
        Faults.AddNoise(audio, pink: false, snrDb: 25, seed: 1);
        var input = Path.Combine(_folder, "hiss.wav");
        PlanarAudio.Write(input, audio, rate);
        var output = Path.Combine(_folder, "restored.wav");

        var (exit, json, _) = CliProcess.RunWithErrors("restore", input, "--out", output, "--denoise", "18", "--noise-profile", "1-3", "--json");
        var (bad, _, badErrors) = CliProcess.RunWithErrors("restore", input, "--out", output + "2", "--noise-profile", "one to three");

        Assert.Equal(0, exit);
        var denoise = JsonDocument.Parse(json).RootElement.GetProperty("denoise");
        Assert.Equal(18.0, denoise.GetProperty("reduction_db").GetDouble());
        Assert.Equal("range", denoise.GetProperty("profile_source").GetString());
        Assert.Equal(1.0, denoise.GetProperty("profile_from")[0].GetProperty("start_s").GetDouble());
        Assert.True(denoise.GetProperty("profile").GetArrayLength() > 20);
        Assert.Equal(RestoreCommand.ExitFailed, bad);
        Assert.Contains("--noise-profile 'one to three'", badErrors, StringComparison.Ordinal);
        Assert.False(File.Exists(output + "2"));
    }

    [Fact]
    public void BadInput_FailsWithItsReason_AndWritesNothing()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var output = Path.Combine(_folder, "out.wav");

        var exit = RestoreCommand.Run(Path.Combine(_folder, "missing.wav"), output, RestoreSettings.Auto, json: false, stdout, stderr);

        Assert.Equal(RestoreCommand.ExitFailed, exit);
        Assert.Contains("missing.wav", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
