using RenderFarm.Audio.Documents;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Reads an album document (JSON): title, artist, year, upc, mode ("album" or "track"), gap_seconds (the
/// default gap), reference and reference_amount (0-100 %) and songs [{path, title, artist, isrc,
/// gap_seconds, crossfade_seconds, hidden}]. Every error
/// names the field by its JSON path; unknown fields are refused. Paths stay as written: the caller resolves them.
/// </summary>
public static class AlbumLoader
{
    public static Album Load(string path) => ProfileLoader.LoadDocument(path, "album", Parse);

    public static Album Parse(string json)
    {
        using var document = JsonObjectReader.ParseDocument(json, ProfileException.Make);
        var root = new JsonObjectReader(document.RootElement, "$", ProfileException.Make);
        var mode = root.Choice("mode", "album", "track") switch
        {
            "track" => AlbumLoudnessMode.Track,
            _ => AlbumLoudnessMode.Album,
        };
        var defaultGap = root.Number("gap_seconds", 0, Album.MaxGapSeconds, "s");
        var reference = root.Text("reference", 4096);
        var amount = root.Number("reference_amount", 0, 100, "%");
        if (amount is not null && reference is null)
        {
            throw new ProfileException("$.reference_amount", "applies to a reference recording: give reference too");
        }

        var songs = root.Objects("songs", Album.MaxSongs + 1) ?? throw new ProfileException("$.songs", "is required: the songs in running order");
        var album = new Album
        {
            Title = root.Text("title", 160),
            Artist = root.Text("artist", 160),
            Year = root.Integer("year", 1860, 2200),
            Upc = root.Text("upc", 20),
            Mode = mode,
            Reference = reference is null ? null : new ReferenceTrack(reference, amount ?? 100),
            Songs = songs.Select(s => ReadSong(s, defaultGap)).ToArray(),
        };
        root.NoOtherFields();
        return Validated(album);
    }

    /// <summary>Checks what the document format cannot: the running order's rules. Errors name the song's field.</summary>
    public static Album Validated(Album album)
    {
        ArgumentNullException.ThrowIfNull(album);
        var tracks = album.Songs.Count(s => !s.Hidden);
        if (tracks is 0 or > Album.MaxSongs)
        {
            throw new ProfileException("$.songs", $"{tracks} tracks: accepted 1 to {Album.MaxSongs} (a hidden track besides)");
        }

        if (album.Upc is not null && !TrackMetadata.IsUpc(album.Upc.Trim()))
        {
            throw new ProfileException("$.upc", $"'{album.Upc}' is not a UPC-A or EAN-13: accepted 12 or 13 digits with a valid check digit");
        }

        for (var i = 0; i < album.Songs.Count; i++)
        {
            var song = album.Songs[i];
            var at = $"$.songs[{i}]";
            if (string.IsNullOrWhiteSpace(song.Path))
            {
                throw new ProfileException($"{at}.path", "is required: the mix to master");
            }

            if (song.Hidden && i != 0)
            {
                throw new ProfileException($"{at}.hidden", "only the first song can be hidden (it plays in track 1's pre-gap)");
            }

            var first = i == 0 || (i == 1 && album.Songs[0].Hidden);
            if (song.CrossfadeSeconds > 0 && (first || song.Hidden))
            {
                throw new ProfileException($"{at}.crossfade_seconds", "the first track and a hidden track cannot crossfade from a song before them");
            }

            if (song.CrossfadeSeconds > 0 && song.GapSeconds is > 0)
            {
                throw new ProfileException($"{at}.gap_seconds", "a song that crossfades from the one before has no gap: give one or the other");
            }

            if (song.GapSeconds is { } gap && (gap < 0 || gap > Album.MaxGapSeconds || !double.IsFinite(gap)))
            {
                throw new ProfileException($"{at}.gap_seconds", $"{gap} is out of range: accepted 0 to {Album.MaxGapSeconds} s");
            }

            if (song.CrossfadeSeconds < 0 || song.CrossfadeSeconds > Album.MaxCrossfadeSeconds || !double.IsFinite(song.CrossfadeSeconds))
            {
                throw new ProfileException($"{at}.crossfade_seconds", $"{song.CrossfadeSeconds} is out of range: accepted 0 to {Album.MaxCrossfadeSeconds} s");
            }

            new TrackMetadata { Title = song.Title, Artist = song.Artist, Isrc = song.Isrc }.Validated(at);
        }

        if (album.Reference is { } r)
        {
            if (string.IsNullOrWhiteSpace(r.Path))
            {
                throw new ProfileException("$.reference", "is empty: give the reference recording's path, or no reference");
            }

            if (!double.IsFinite(r.AmountPercent) || r.AmountPercent < 0 || r.AmountPercent > 100)
            {
                throw new ProfileException("$.reference_amount", $"{r.AmountPercent} is out of range: accepted 0 to 100 %");
            }
        }

        return album with { Upc = album.Upc?.Trim() };
    }

    private static AlbumSong ReadSong(JsonObjectReader o, double? defaultGap)
    {
        // A crossfaded song has no gap before it; "crossfade_seconds": 0 is no crossfade, and the album's gap.
        var crossfade = o.Number("crossfade_seconds", 0, Album.MaxCrossfadeSeconds, "s") ?? 0;
        var song = new AlbumSong
        {
            Path = o.Text("path", 4096) ?? throw new ProfileException($"{o.Path}.path", "is required: the mix to master"),
            Title = o.Text("title", 160),
            Artist = o.Text("artist", 160),
            Isrc = o.Text("isrc", 20)?.Replace("-", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant(),
            GapSeconds = o.Number("gap_seconds", 0, Album.MaxGapSeconds, "s") ?? (crossfade > 0 ? null : defaultGap),
            CrossfadeSeconds = crossfade,
            Hidden = o.Flag("hidden") ?? false,
        };
        o.NoOtherFields();
        return song;
    }
}
