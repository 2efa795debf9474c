using System.Globalization;
using Microsoft.Extensions.Options;
using RenderFarm.Audio;
using RenderFarm.Audio.Inspection;
using RenderFarm.Audio.Documents;
using RenderFarm.Contracts;
using RenderFarm.Grains;
using RenderFarm.Host.Hosting;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Catalogues;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Worker;

namespace RenderFarm.Host.Catalogs;

/// <summary>
/// Turns a catalogue request into titles, checking everything a person can fix before anything is
/// queued: each source inside the media root, each session document valid with its sources present,
/// each mix readable, each album document valid with its songs present (an album is one title, mastered in
/// one task), the profile known or valid. Folders are searched (not recursively) for session
/// documents and audio files. Titles write under <c>renders/CATALOGUE/NNNN-name</c> in the media root.
/// </summary>
public sealed class CatalogBuilder(MediaPaths paths, IOptions<FarmOptions> options)
{
    public const int MaxTitles = 10_000;

    /// <summary>A source whose name ends so is an album document: one title whose songs are mastered together.</summary>
    public const string AlbumSuffix = ".album.json";

    public CatalogSpec Build(string catalogId, CatalogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            throw new CatalogRequestException("name", "is required, at most 200 characters");
        }

        if (request.Priority is < 0 or > 100)
        {
            throw new CatalogRequestException("priority", $"{request.Priority} is out of range: accepted 0 to 100");
        }

        var loaded = LoadProfile(request.Profile);
        IReadOnlyList<string> deliverables = [.. loaded.Deliverables.Select(d => d.Label)];
        var disc = AlbumJob.HasDisc(loaded);
        if (request.Webhook is not null && !(Uri.TryCreate(request.Webhook, UriKind.Absolute, out var hook) && hook.Scheme is "http" or "https"))
        {
            throw new CatalogRequestException("webhook", $"'{request.Webhook}' is not an http(s) URL");
        }

        if (request.Client is not null && !AccountName.IsValid(request.Client))
        {
            throw new CatalogRequestException("client", $"'{request.Client}' is not a client account name ({AccountName.Rule})");
        }

        NamingTemplate? naming;
        try
        {
            naming = request.Naming is { } text ? NamingTemplate.Parse(text, "naming") : request.Recursive ? NamingTemplate.Parse(NamingTemplate.KeepTree) : null;
        }
        catch (DocumentException e)
        {
            throw new CatalogRequestException("naming", e.Message[(e.Field.Length + 2)..]);
        }

        var files = new List<(string Full, string Relative, string? Root)>();
        var search = new EnumerationOptions { RecurseSubdirectories = request.Recursive, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        for (var i = 0; i < (request.Sources?.Count ?? 0); i++)
        {
            var field = $"sources[{i}]";
            var full = Resolve(request.Sources![i], field);
            if (Directory.Exists(full))
            {
                foreach (var f in Directory.EnumerateFiles(full, "*", search).Where(IsTitleSource).Order(StringComparer.Ordinal))
                {
                    files.Add((Resolve(paths.Relative(f), field), paths.Relative(f), full));
                    if (files.Count > MaxTitles)
                    {
                        break;
                    }
                }
            }
            else if (File.Exists(full))
            {
                files.Add((full, paths.Relative(full), null));
            }
            else
            {
                throw new CatalogRequestException(field, $"'{request.Sources[i]}' does not exist in the media root");
            }
        }

        if (files.Count == 0)
        {
            throw new CatalogRequestException("sources", "name no session documents or audio files");
        }

        if (files.Count > MaxTitles)
        {
            throw new CatalogRequestException("sources", $"hold {files.Count} titles: accepted at most {MaxTitles} per catalogue");
        }

        // Every source checked (and a mix's tags read with its stream) in parallel: for most of a back
        // catalogue (WAV, FLAC, MP3) that is a read of the file's start, for the rest an ffprobe run. The
        // first source in the request's order that cannot be used is the one the refusal names.
        var checkedTitles = new (TitleSpec Spec, IReadOnlyDictionary<string, string> Tags)[files.Count];
        var refusals = new CatalogRequestException?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount }, i =>
        {
            try
            {
                checkedTitles[i] = Title(catalogId, i, files[i].Full, files[i].Relative, request.Profile, disc);
            }
            catch (CatalogRequestException e)
            {
                refusals[i] = e;
            }
        });
        if (Array.Find(refusals, e => e is not null) is { } refused)
        {
            throw refused;
        }

        // An album is mastered in one task (its deliverables with it); other titles split theirs into tasks, and
        // are restored first, a task of its own, when the profile has a restore section.
        var titles = checkedTitles.Select(t => t.Spec.Kind == TitleKind.Album ? t.Spec : t.Spec with { Deliverables = deliverables, Restore = loaded.Restore is not null }).ToArray();
        if (naming is not null)
        {
            titles = BackCatalogue.Name(catalogId, titles, [.. files.Select(f => (f.Full, f.Root))], [.. checkedTitles.Select(t => t.Tags)], naming);
        }

        if (request.Reference is { } reference)
        {
            var (path, amount) = Reference(reference, request.ReferenceAmount);
            titles = [.. titles.Select(t => t with { Reference = path, ReferenceAmount = amount })];
        }
        return new CatalogSpec
        {
            Name = request.Name,
            Titles = titles,
            Priority = request.Priority,
            Webhook = request.Webhook,
            Client = request.Client,
            Policy = new TaskPolicy
            {
                HeartbeatTimeout = TimeSpan.FromSeconds(options.Value.HeartbeatTimeoutSeconds),
                QueueTimeout = TimeSpan.FromSeconds(options.Value.QueueTimeoutSeconds),
                RunTimeout = TimeSpan.FromHours(options.Value.RunTimeoutHours),
            },
        };
    }

    /// <summary>Whether a file in a source folder becomes a title: audio by its name, or a JSON document (a session).</summary>
    internal static bool IsTitleSource(string file) =>
        AudioFile.HasAudioName(file) || (Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(file).StartsWith('.'));

    // A source as a title, with its tags when it is a mix (none for a session or an album).
    private (TitleSpec Spec, IReadOnlyDictionary<string, string> Tags) Title(string catalogId, int index, string full, string relative, string profile, bool disc)
    {
        var name = Path.GetFileNameWithoutExtension(full);
        var output = string.Create(CultureInfo.InvariantCulture, $"renders/{catalogId}/{index + 1:0000}-{Safe(name)}");
        var none = new Dictionary<string, string>();
        if (full.EndsWith(AlbumSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return (AlbumTitle(full, relative, profile, output, disc), none);
        }

        if (Path.GetExtension(full).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var session = SessionLoader.Load(full);
                var plan = MixRenderer.AudibleTracks(session, new MixOptions { MediaRoot = paths.Root });
                return (new TitleSpec { Kind = TitleKind.Session, Source = relative, Profile = profile, OutputDirectory = output, Tracks = plan, Tags = new TitleMetadata { Title = name } }, none);
            }
            catch (DocumentException e)
            {
                throw new CatalogRequestException(relative, e.Message);
            }
        }

        var tags = Describe(full, relative).Tags;
        return (new TitleSpec { Kind = TitleKind.Mix, Source = relative, Profile = profile, OutputDirectory = output, Tags = new TitleMetadata { Title = name } }, tags);
    }

    // An album document: its songs (paths relative to it) inside the media root and readable, its rules kept,
    // and when the profile makes a CD, the Red Book's rules as far as the songs' headers tell them.
    private TitleSpec AlbumTitle(string full, string relative, string profile, string output, bool disc)
    {
        try
        {
            var album = AlbumLoader.Load(full);
            var folder = Path.GetDirectoryName(relative.Replace('\\', '/')) ?? string.Empty;
            var songs = new AudioStreamInfo[album.Songs.Count];
            for (var i = 0; i < album.Songs.Count; i++)
            {
                var field = $"{relative}: songs[{i}].path";
                songs[i] = Describe(Resolve(Path.Combine(folder, album.Songs[i].Path).Replace('\\', '/'), field), field).Info;
            }

            if (disc)
            {
                AlbumJob.RequireDisc(album, songs);
            }

            if (album.Reference is { } reference)
            {
                Readable(Resolve(Path.Combine(folder, reference.Path).Replace('\\', '/'), $"{relative}: reference"), $"{relative}: reference");
            }

            var name = album.Title ?? Path.GetFileName(full)[..^AlbumSuffix.Length];
            return new TitleSpec { Kind = TitleKind.Album, Source = relative, Profile = profile, OutputDirectory = output, Tags = new TitleMetadata { Title = name, Artist = album.Artist, Album = album.Title, Upc = album.Upc } };
        }
        catch (Exception e) when (e is DocumentException or Mastering.Cd.RedBookException)
        {
            throw new CatalogRequestException(relative, e.Message);
        }
    }

    // A reference recording: readable audio in the media root, an amount from 0 to 100 %.
    private (string Path, double Amount) Reference(string reference, double amount)
    {
        if (!double.IsFinite(amount) || amount is < 0 or > 100)
        {
            throw new CatalogRequestException("referenceAmount", $"{amount} is out of range: accepted 0 to 100 %");
        }

        var full = Resolve(reference, "reference");
        Readable(full, "reference");
        return (paths.Relative(full), amount);
    }

    // An audio file whose headers read as a reader would open it, or a refusal naming the field it came from.
    private static void Readable(string full, string field) => Describe(full, field);

    private static AudioDescription Describe(string full, string field)
    {
        try
        {
            return AudioFile.Describe(full);
        }
        catch (AudioFileException e)
        {
            throw new CatalogRequestException(field, e.Message);
        }
    }

    // The profile is loaded now, so a catalogue with a bad one is refused whole; each deliverable of it
    // becomes a task of every title.
    private Mastering.Profiles.MasteringProfile LoadProfile(string profile)
    {
        if (string.IsNullOrWhiteSpace(profile))
        {
            throw new CatalogRequestException("profile", "is required: a delivery target's name or a profile document");
        }

        try
        {
            return ProfileSource.Load(profile, p => Resolve(p, "profile"));
        }
        catch (DocumentException e)
        {
            throw new CatalogRequestException("profile", e.Message);
        }
    }

    private string Resolve(string relative, string field)
    {
        try
        {
            return paths.Resolve(relative, field);
        }
        catch (MediaPathException e)
        {
            throw new CatalogRequestException(field, e.Message[(field.Length + 2)..]);
        }
    }

    private static string Safe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(60)]);
}
