using System.CommandLine;
using RenderFarm.Audio.Documents;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm session init STEMS_DIR</c>: scaffolds a session document from a folder of stems.</summary>
internal static class SessionCommand
{
    public static Command Create()
    {
        var stems = new Argument<string>("stems") { Description = "A folder of mono or stereo stems" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the session (default: STEMS_DIR/session.json)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing session file" };
        var init = new Command("init", "Scaffold a session from a folder of stems: one track per file, at unity and centred") { stems, output, force };
        init.SetAction(parse => Init(parse.GetValue(stems)!, parse.GetValue(output), parse.GetValue(force), Console.Out, Console.Error));
        return new Command("session", "Session documents for `renderfarm mix`") { init };
    }

    internal static int Init(string stemsDirectory, string? output, bool force, TextWriter stdout, TextWriter error)
    {
        try
        {
            var path = Path.GetFullPath(output ?? Path.Combine(stemsDirectory, "session.json"));
            if (File.Exists(path) && !force)
            {
                throw new SessionException(path, "already exists: give --force to overwrite it");
            }

            var (json, notes) = SessionScaffold.FromStems(stemsDirectory, Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);
            var session = SessionLoader.Load(path); // what was written must load
            stdout.WriteLine($"{path}: a session of {session.Tracks.Count} tracks at {session.SampleRate} Hz");
            foreach (var note in notes)
            {
                stdout.WriteLine("note: " + note);
            }

            return 0;
        }
        catch (Exception e) when (e is DocumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"renderfarm session init: {e.Message}");
            return MasterCommand.ExitFailed;
        }
    }
}
