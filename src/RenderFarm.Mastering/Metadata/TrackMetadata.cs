using System.Text.RegularExpressions;

namespace RenderFarm.Mastering.Metadata;

/// <summary>What a deliverable says about itself: title, artist, album, album artist, track number, year, ISRC and UPC/EAN.</summary>
public sealed partial record TrackMetadata
{
    public string? Title { get; init; }

    public string? Artist { get; init; }

    public string? Album { get; init; }

    /// <summary>The album's artist, where a track of a compilation or a guest's song names its own artist.</summary>
    public string? AlbumArtist { get; init; }

    public int? TrackNumber { get; init; }

    public int? TrackTotal { get; init; }

    public int? Year { get; init; }

    /// <summary>International Standard Recording Code, 12 characters (CC-XXX-YY-NNNNN; hyphens are removed).</summary>
    public string? Isrc { get; init; }

    /// <summary>UPC-A (12 digits) or EAN-13 (13 digits) of the release, with a valid check digit.</summary>
    public string? Upc { get; init; }

    /// <summary>Playback gains (ReplayGain) for the formats that carry them; an album job fills them.</summary>
    public PlaybackGain? Gain { get; init; }

    /// <summary>Later values win where this one has none.</summary>
    public TrackMetadata MergedWith(TrackMetadata? defaults) => defaults is null ? this : new TrackMetadata
    {
        Title = Title ?? defaults.Title,
        Artist = Artist ?? defaults.Artist,
        Album = Album ?? defaults.Album,
        AlbumArtist = AlbumArtist ?? defaults.AlbumArtist,
        TrackNumber = TrackNumber ?? defaults.TrackNumber,
        TrackTotal = TrackTotal ?? defaults.TrackTotal,
        Year = Year ?? defaults.Year,
        Isrc = Isrc ?? defaults.Isrc,
        Upc = Upc ?? defaults.Upc,
        Gain = Gain ?? defaults.Gain,
    };

    /// <summary>Normalises the codes and checks every field, naming it under <paramref name="path"/>.</summary>
    public TrackMetadata Validated(string path = "$.metadata")
    {
        var isrc = Isrc?.Replace("-", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (isrc is not null && !IsrcPattern().IsMatch(isrc))
        {
            throw new ProfileException($"{path}.isrc", $"'{Isrc}' is not an ISRC: accepted 2 letters (country), 3 letters or digits (registrant), 2 digits (year), 5 digits (designation), e.g. GBAYE2600123");
        }

        var upc = Upc?.Trim();
        if (upc is not null && !ValidUpc(upc))
        {
            throw new ProfileException($"{path}.upc", $"'{Upc}' is not a UPC-A or EAN-13: accepted 12 or 13 digits with a valid check digit");
        }

        if (TrackNumber is { } n && (n < 1 || n > 999))
        {
            throw new ProfileException($"{path}.track_number", $"{n} is out of range: accepted 1 to 999");
        }

        if (TrackTotal is { } t && (t < 1 || t > 999 || (TrackNumber is { } k && k > t)))
        {
            throw new ProfileException($"{path}.track_total", $"{t} is out of range: accepted 1 to 999 and not below the track number");
        }

        if (Year is { } y && (y < 1860 || y > 2200))
        {
            throw new ProfileException($"{path}.year", $"{y} is out of range: accepted 1860 to 2200");
        }

        foreach (var (name, value) in new[] { ("title", Title), ("artist", Artist), ("album", Album), ("album_artist", AlbumArtist) })
        {
            if (value is not null && (value.Length > 500 || value.Any(char.IsControl)))
            {
                throw new ProfileException($"{path}.{name}", "must be at most 500 characters with no control characters");
            }
        }

        return this with { Isrc = isrc, Upc = upc };
    }

    /// <summary>Whether <paramref name="code"/> is an ISRC as written on a disc: 12 characters, no hyphens.</summary>
    public static bool IsIsrc(string? code) => code is not null && IsrcPattern().IsMatch(code);

    /// <summary>Whether <paramref name="code"/> is a UPC-A or EAN-13 with a valid check digit.</summary>
    public static bool IsUpc(string? code) => code is not null && ValidUpc(code);

    private static bool ValidUpc(string code)
    {
        if (code.Length is not (12 or 13) || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        // GS1 check digit: weights 3 and 1 alternate from the right, the check digit excluded.
        var sum = 0;
        var weight = 3;
        for (var i = code.Length - 2; i >= 0; i--)
        {
            sum += (code[i] - '0') * weight;
            weight = 4 - weight;
        }

        return (10 - (sum % 10)) % 10 == code[^1] - '0';
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex IsrcPattern();
}
