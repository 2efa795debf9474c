using System.CommandLine;

namespace RenderFarm.Cli.Commands;

/// <summary>
/// <c>renderfarm submit SOURCE... --profile P [--server URL] [--upload]</c>: creates a catalogue on the farm from
/// files and folders in its media root, or (with --upload) from local files sent to it first.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("sources") { Description = "Session documents, mixes or folders of them, relative to the farm's media root (local paths with --upload)", Arity = ArgumentArity.OneOrMore };
        var profile = new Option<string>("--profile", "-p") { Description = "A delivery target's name or a profile document in the media root", DefaultValueFactory = _ => "spotify" };
        var name = new Option<string?>("--name") { Description = "The catalogue's name (default: the first source)" };
        var priority = new Option<int>("--priority") { Description = "0 (lowest) to 100", DefaultValueFactory = _ => 50 };
        var server = FarmOptions.Server();
        var watch = new Option<bool>("--watch") { Description = "Follow the catalogue until it ends" };
        var upload = new Option<bool>("--upload") { Description = "Send the local mixes (files, or the audio files of folders) to the farm first; sessions cannot be uploaded this way" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Search the folders with their subfolders (a back catalogue's tree)" };
        var naming = new Option<string?>("--naming") { Description = "Name the deliverables from the sources' tags, e.g. \"{format}/{artist}/{album}/{track:00} {title}\" (fields: artist, album, title, track, track:00, year, name, folder, format)" };
        var reference = new Option<string?>("--reference") { Description = "A reference recording in the media root every title is mastered towards" };
        var amount = new Option<double>("--reference-amount") { Description = "How far towards the reference, 0 to 100 %", DefaultValueFactory = _ => 100 };
        var command = new Command("submit", "Submit a catalogue to the farm") { sources, profile, name, priority, server, watch, upload, recursive, naming, reference, amount };
        command.SetAction(async (parse, _) =>
        {
            var list = parse.GetValue(sources)!;
            return await Run(list, parse.GetValue(profile)!, parse.GetValue(name) ?? list[0], parse.GetValue(priority), parse.GetValue(server), parse.GetValue(watch), Console.Out, Console.Error, parse.GetValue(upload),
                parse.GetValue(recursive), parse.GetValue(naming), parse.GetValue(reference), parse.GetValue(amount));
        });
        return command;
    }

    internal static async Task<int> Run(string[] sources, string profile, string name, int priority, string? server, bool watch, TextWriter output, TextWriter error, bool upload = false, bool recursive = false, string? naming = null, string? reference = null, double referenceAmount = 100)
    {
        try
        {
            using var farm = new FarmClient(server);
            if (upload)
            {
                var files = LocalMixes(sources);
                var sent = await farm.Upload(files);
                var folder = sent.GetProperty("folder").GetString()!;
                output.WriteLine($"uploaded {files.Count} files to {folder}");
                sources = [folder];
            }

            var created = await farm.Post("api/catalogs", new { name, sources, profile, priority, recursive, naming, reference, referenceAmount });
            var id = created.GetProperty("catalogId").GetString()!;
            output.WriteLine($"{id}: {created.GetProperty("titles").GetArrayLength()} titles queued on {farm.Server}");
            return watch ? await WatchCommand.Follow(farm, id, output) : 0;
        }
        catch (FarmClientException e)
        {
            error.WriteLine($"renderfarm submit: {e.Message}");
            return MasterCommand.ExitFailed;
        }
    }

    // The audio files named, and those in the folders named (not below them).
    private static List<string> LocalMixes(string[] sources)
    {
        var files = new List<string>();
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                files.AddRange(Directory.EnumerateFiles(source).Where(RenderFarm.Audio.AudioFile.HasAudioName).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(source))
            {
                files.Add(source);
            }
            else
            {
                throw new FarmClientException($"{source}: no such file or folder here");
            }
        }

        return files.Count > 0 ? files : throw new FarmClientException("no audio files to upload in " + string.Join(", ", sources));
    }
}
