using System.CommandLine;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Documents;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm mix SESSION.json --out MIX.wav [--stems DIR]</c>: renders a session to a stereo mix and its report.</summary>
internal static class MixCommand
{
    public static Command Create()
    {
        var session = new Argument<string>("session") { Description = "The session document (JSON, see docs/session.md)" };
        var output = new Option<string>("--out", "-o") { Description = "The stereo mix to write (WAV)", Required = true };
        var stems = new Option<string?>("--stems") { Description = "Render each track to stems in this folder first, then mix the stems down" };
        var format = new Option<string>("--format") { Description = "The mix's samples: f32 (default) or s24 (TPDF-dithered)", DefaultValueFactory = _ => "f32" };
        var mediaRoot = new Option<string?>("--media-root") { Description = "Sources must lie inside this folder (default: the session's folder)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("mix", "Render a mix session: tracks, inserts, sends, buses, automation and master into one stereo file")
        {
            session, output, stems, format, mediaRoot, json,
        };
        command.SetAction(parse => Run(parse.GetValue(session)!, parse.GetValue(output)!, parse.GetValue(stems), parse.GetValue(format)!, parse.GetValue(mediaRoot),
            parse.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    internal static int Run(string sessionPath, string output, string? stems, string format, string? mediaRoot, bool json, TextWriter stdout, TextWriter error)
    {
        try
        {
            var options = new MixOptions
            {
                MediaRoot = mediaRoot,
                OutputFormat = format.ToLowerInvariant() switch
                {
                    "f32" or "float" or "float32" => SampleFormat.Float32,
                    "s24" or "pcm24" or "24" => SampleFormat.Pcm24,
                    _ => throw new SessionException("--format", $"'{format}' is not a mix format: accepted f32, s24"),
                },
            };
            var spec = SessionLoader.Load(sessionPath);
            var report = stems is null
                ? MixRenderer.Render(spec, output, options)
                : MixRenderer.RenderWithStems(spec, stems, output, options);
            if (json)
            {
                stdout.WriteLine(MixJson.Serialize(report));
            }
            else
            {
                WriteSummary(report, stdout);
            }

            return 0;
        }
        catch (Exception e) when (e is DocumentException or AudioFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"renderfarm mix: {e.Message}");
            return MasterCommand.ExitFailed;
        }
    }

    private static void WriteSummary(MixReport r, TextWriter output)
    {
        var f = CultureInfo.InvariantCulture;
        var l = r.Loudness;
        output.WriteLine(string.Create(f, $"{r.Output}: {r.DurationSeconds:0.0} s, {l.IntegratedLufs:0.0} LUFS, {l.TruePeakDbtp:0.0} dBTP, LRA {l.LoudnessRangeLu:0.0} LU ({r.Mode}, {r.ElapsedSeconds:0.00} s, {r.RealTimeFactor:0}x real time)"));
        foreach (var t in r.Tracks)
        {
            var state = !t.Audible ? "muted" : t.Silent ? "SILENT" : t.Clips ? "CLIPS" : "";
            output.WriteLine(string.Create(f, $"  {t.Index + 1,3} {t.Name,-24} peak {F(t.PeakDbfs),7} dBFS  {F(t.IntegratedLufs),7} LUFS  {state}"));
        }

        foreach (var b in r.Buses)
        {
            output.WriteLine(string.Create(f, $"  bus {b.Name,-20} peak {F(b.PeakDbfs),7} dBFS  {(b.Muted ? "muted" : b.Clips ? "CLIPS" : "")}"));
        }

        foreach (var note in r.Notes)
        {
            output.WriteLine("note: " + note);
        }
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-inf";
}
