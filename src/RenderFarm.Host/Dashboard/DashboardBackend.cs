using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderFarm.Audio.Documents;
using RenderFarm.Dashboard.Data;
using RenderFarm.Host.Catalogs;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Worker;

namespace RenderFarm.Host.Dashboard;

/// <summary>
/// What the dashboard needs of the host besides the grains: files in the media root (never outside it),
/// catalogue submission with the API's checks, and profile documents checked by the workers' own loader.
/// </summary>
internal sealed class DashboardBackend(MediaPaths paths, CatalogSubmission submission) : IMediaLibrary, ICatalogSubmitter, IProfileLibrary
{
    /// <summary>Where the profiles page keeps profile documents, in the media root.</summary>
    public const string ProfilesFolder = "profiles";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Folders of the farm's own making that are not sources.
    private static readonly string[] NotSources = [".renderfarm", "renders", ProfilesFolder];

    public Stream? OpenRead(string relativePath) => paths.OpenRead(relativePath);

    public IReadOnlyList<MediaSource> Sources(int limit)
    {
        var sources = new List<MediaSource>();
        var folders = new Queue<DirectoryInfo>([new DirectoryInfo(paths.Root)]);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint };
        while (folders.Count > 0 && sources.Count < limit)
        {
            var folder = folders.Dequeue();
            var titles = 0;
            foreach (var file in folder.EnumerateFiles("*", options).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (IsSource(file.Name) && sources.Count < limit)
                {
                    sources.Add(new MediaSource(paths.Relative(file.FullName), false, file.Length, file.LastWriteTimeUtc));
                    titles++;
                }
            }

            if (titles > 1 && folder.FullName != paths.Root && sources.Count < limit)
            {
                sources.Add(new MediaSource(paths.Relative(folder.FullName), true, 0, folder.LastWriteTimeUtc));
            }

            foreach (var sub in folder.EnumerateDirectories("*", options).OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                if (!(folder.FullName == paths.Root && NotSources.Contains(sub.Name, StringComparer.Ordinal)) && !sub.Name.StartsWith('.'))
                {
                    folders.Enqueue(sub);
                }
            }
        }

        return [.. sources.OrderBy(s => s.Path, StringComparer.Ordinal)];
    }

    public async Task<SubmitOutcome> Submit(SubmitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var snapshot = await submission.Submit(new CatalogRequest { Name = request.Name, Sources = request.Sources, Profile = request.Profile, Priority = request.Priority });
            return SubmitOutcome.Started(snapshot.CatalogId);
        }
        catch (CatalogRequestException e)
        {
            return SubmitOutcome.Refused(e.Field, e.Message);
        }
    }

    public IReadOnlyList<TargetInfo> Targets() =>
        [.. DeliveryTargets.All.Select(t => new TargetInfo(t.Name, t.Description, t.IntegratedLufs, t.ToleranceLu, t.CeilingDbtp))];

    public IReadOnlyList<ProfileInfo> Profiles()
    {
        var folder = Path.Combine(paths.Root, ProfilesFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Take(500).Select(file =>
        {
            var relative = paths.Relative(file);
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var profile = ProfileLoader.Load(file);
                return new ProfileInfo(name, relative, profile.Target.Name, [.. profile.Deliverables.Select(d => d.Label)], null);
            }
            catch (DocumentException e)
            {
                return new ProfileInfo(name, relative, null, [], e.Message);
            }
        })];
    }

    public string? Read(string path)
    {
        using var stream = OpenRead(path);
        if (stream is null || stream.Length > ProfileLoader.MaxBytes)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public string Template(string target)
    {
        var t = DeliveryTargets.Find(target, "target");
        var document = new JsonObject
        {
            ["version"] = MasteringProfile.CurrentVersion,
            ["target"] = t.Name,
            ["chain"] = new JsonObject
            {
                ["input_gain_db"] = 0.0,
                ["eq"] = new JsonArray(new JsonObject { ["type"] = "high_pass", ["frequency_hz"] = 20.0, ["q"] = 0.7071 }),
            },
            ["deliverables"] = new JsonArray(
                new JsonObject { ["format"] = "wav" },
                new JsonObject { ["format"] = "flac" },
                new JsonObject { ["format"] = "mp3" }),
        };
        return document.ToJsonString(Indented);
    }

    public ProfileCheck Check(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetByteCount(json) > ProfileLoader.MaxBytes)
        {
            return new ProfileCheck(false, "$", $"the document is over {ProfileLoader.MaxBytes} bytes");
        }

        try
        {
            var profile = ProfileLoader.Parse(json);
            // What depends on the mix is checked for the usual rates, stereo.
            profile.Validate(44_100, 2);
            profile.Validate(48_000, 2);
            return new ProfileCheck(true, null, null, null, profile.Target.Name, [.. profile.Deliverables.Select(d => d.Label)]);
        }
        catch (DocumentException e)
        {
            return new ProfileCheck(false, e.Field, e.Message[(e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Field.Length + 2 : 0)..]);
        }
    }

    public ProfileCheck Save(string name, string json)
    {
        var safe = MediaPaths.SafeFileName(name ?? string.Empty);
        if (safe is null || safe != name || safe.Length > 80 || safe.Contains(' ', StringComparison.Ordinal))
        {
            return new ProfileCheck(false, "name", "use letters, digits, '-', '_', '.' and '+' only, at most 80 characters");
        }

        var check = Check(json);
        if (!check.Valid)
        {
            return check;
        }

        var relative = $"{ProfilesFolder}/{safe}.json";
        AtomicFile.WriteAllBytes(paths.Resolve(relative, "name"), Encoding.UTF8.GetBytes(json));
        return check with { SavedPath = relative };
    }

    // What a catalogue would take, less the reports the farm writes beside its deliverables.
    private static bool IsSource(string name) =>
        CatalogBuilder.IsTitleSource(name) && !name.Equals("report.json", StringComparison.OrdinalIgnoreCase) && !name.Equals("overview.json", StringComparison.OrdinalIgnoreCase);
}
