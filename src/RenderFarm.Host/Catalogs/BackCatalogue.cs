using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Grains;
using RenderFarm.Mastering.Catalogues;

namespace RenderFarm.Host.Catalogs;

/// <summary>
/// Names a back catalogue's titles from a template: each source's tags (artist, album, title, track, year;
/// read at submission with the source's check, see <see cref="AudioFile.Describe"/>) fill it, and where a tag is missing the
/// tree does (the album is the source's folder, the artist the folder above it, the title the file's name,
/// the track its place in its folder). Deliverables go under <c>renders/CATALOGUE/delivery</c>; two titles
/// that would get one name are told apart by " (2)", " (3)"... An album document keeps its own naming.
/// </summary>
internal static class BackCatalogue
{
    /// <summary>The titles named from <paramref name="tags"/>, each source's tags as its check read them (none for an album or a session).</summary>
    public static TitleSpec[] Name(string catalogId, TitleSpec[] titles, (string Full, string? Root)[] sources, IReadOnlyList<IReadOnlyDictionary<string, string>> tags, NamingTemplate naming)
    {
        var delivery = $"renders/{catalogId}/delivery";
        var positions = sources.Select((s, i) => (Folder: Path.GetDirectoryName(s.Full)!, Index: i))
            .GroupBy(s => s.Folder, StringComparer.Ordinal)
            .SelectMany(g => g.Select((s, k) => (s.Index, Position: k + 1)))
            .ToDictionary(x => x.Index, x => x.Position);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var named = new TitleSpec[titles.Length];
        for (var i = 0; i < titles.Length; i++)
        {
            if (titles[i].Kind == TitleKind.Album)
            {
                named[i] = titles[i];
                continue;
            }

            var (full, root) = sources[i];
            var folder = root is null ? string.Empty : Path.GetRelativePath(root, Path.GetDirectoryName(full)!).Replace('\\', '/');
            folder = folder == "." ? string.Empty : folder;
            var parts = folder.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var t = tags[i];
            var name = Path.GetFileNameWithoutExtension(full);
            var values = new NamingValues(
                Artist: Tag(t, "artist") ?? Tag(t, "album_artist") ?? (parts.Length >= 2 ? parts[^2] : "Unknown Artist"),
                Album: Tag(t, "album") ?? (parts.Length >= 1 ? parts[^1] : "Unknown Album"),
                Title: Tag(t, "title") ?? name,
                Track: Number(Tag(t, "track")) ?? positions[i],
                Year: Number(Tag(t, "date") is { Length: >= 4 } date ? date[..4] : Tag(t, "year")),
                Name: name,
                Folder: folder);
            var stem = naming.Apply(values);
            var unique = stem;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{stem} ({n})");
            }

            named[i] = titles[i] with
            {
                FileStem = unique,
                DeliveryDirectory = delivery,
                Tags = titles[i].Tags with
                {
                    Title = Tag(t, "title") ?? titles[i].Tags.Title,
                    Artist = Tag(t, "artist") ?? Tag(t, "album_artist"),
                    Album = Tag(t, "album"),
                    TrackNumber = Number(Tag(t, "track")),
                    Isrc = Tag(t, "isrc") ?? Tag(t, "tsrc"),
                },
            };
        }

        return named;
    }

    private static string? Tag(IReadOnlyDictionary<string, string> tags, string name) => tags.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    // "3", "03", "3/12": the number before any slash.
    private static int? Number(string? text) =>
        text is not null && int.TryParse(text.Split('/')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 10_000 ? n : null;
}
