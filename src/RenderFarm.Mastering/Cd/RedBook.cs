using System.Globalization;
using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering.Cd;

/// <summary>
/// The Red Book (IEC 60908) rules a replication plant checks, and the limits it works to: 1 to 99 tracks,
/// each at least 4 s from its index 1, the whole programme at most 79:57:74, every track and pre-gap a
/// whole number of CD frames (588 samples), at least 2 s of pre-gap before track 1, ISRCs of 12
/// characters, a UPC/EAN with a valid check digit, CD-Text in ISO-8859-1 of at most 160 characters a field
/// (a house limit) and, all told, no more than one block of 256 packs.
/// </summary>
public static class RedBook
{
    public const int MaxTracks = 99;
    public const long MinTrackFrames = 4 * CdTime.FramesPerSecond;
    public const long FirstPregapFrames = 2 * CdTime.FramesPerSecond;

    /// <summary>79:57:74, the most a replication plant will take.</summary>
    public const long MaxProgrammeFrames = (((79 * 60) + 57) * CdTime.FramesPerSecond) + 74;

    public const int MaxCdTextLength = 160;

    public const string TrackCount = "track count";
    public const string TrackLength = "minimum track length";
    public const string ProgrammeLength = "maximum programme length";
    public const string FrameAlignment = "CD frame alignment";
    public const string FirstPregap = "track 1 pre-gap";
    public const string Isrc = "ISRC";
    public const string Catalogue = "UPC/EAN";
    public const string CdText = "CD-Text";

    /// <summary>Every rule <paramref name="disc"/> breaks (empty when none).</summary>
    /// <param name="disc">The disc as laid out.</param>
    /// <param name="samples">When the tracks came from audio: each track's samples from index 1 and of its pre-gap, per channel at 44.1 kHz, to check their alignment.</param>
    public static IReadOnlyList<RedBookViolation> Check(CdDisc disc, IReadOnlyList<(long Track, long Pregap)>? samples = null)
    {
        ArgumentNullException.ThrowIfNull(disc);
        var found = new List<RedBookViolation>();
        if (disc.Tracks.Count is 0 or > MaxTracks)
        {
            found.Add(new(TrackCount, null, $"{disc.Tracks.Count} tracks: a CD holds 1 to {MaxTracks}"));
        }

        if (disc.TotalFrames > MaxProgrammeFrames)
        {
            found.Add(new(ProgrammeLength, null, $"the programme lasts {CdTime.Format(disc.TotalFrames)}: at most {CdTime.Format(MaxProgrammeFrames)}"));
        }

        if (disc.Upc is not null && !TrackMetadata.IsUpc(disc.Upc))
        {
            found.Add(new(Catalogue, null, $"'{disc.Upc}' is not a UPC-A or EAN-13 (12 or 13 digits with a valid check digit)"));
        }

        Text(found, null, "title", disc.Title);
        Text(found, null, "performer", disc.Performer);
        if (CdTextFits(disc) is { } packs)
        {
            found.Add(new(CdText, null, $"the titles and performers need {packs} CD-Text packs of 12 characters: one block holds at most {Cd.CdText.MaxPacks} (shorten the titles or the performers)"));
        }

        for (var i = 0; i < disc.Tracks.Count; i++)
        {
            var track = disc.Tracks[i];
            var number = i + 1;
            if (track.Frames < MinTrackFrames)
            {
                found.Add(new(TrackLength, number, string.Create(CultureInfo.InvariantCulture, $"{track.Frames / (double)CdTime.FramesPerSecond:0.00} s from index 1: a track lasts at least 4 s")));
            }

            if (track.PregapFrames < 0)
            {
                found.Add(new(FirstPregap, number, "a pre-gap cannot be negative"));
            }

            if (i == 0 && track.PregapFrames < FirstPregapFrames)
            {
                found.Add(new(FirstPregap, number, string.Create(CultureInfo.InvariantCulture, $"a pre-gap of {track.PregapFrames / (double)CdTime.FramesPerSecond:0.00} s: track 1 needs at least 2 s (150 frames) before its index 1")));
            }

            if (track.Isrc is not null && !TrackMetadata.IsIsrc(track.Isrc))
            {
                found.Add(new(Isrc, number, $"'{track.Isrc}' is not an ISRC (12 characters: 2 letters, 3 letters or digits, 7 digits; no hyphens)"));
            }

            Text(found, number, "title", track.Title);
            Text(found, number, "performer", track.Performer);
            if (samples is not null && i < samples.Count)
            {
                Aligned(found, number, "its audio", samples[i].Track);
                Aligned(found, number, "its pre-gap", samples[i].Pregap);
            }
        }

        return found;
    }

    /// <summary>Throws <see cref="RedBookException"/> listing every broken rule.</summary>
    public static void Require(CdDisc disc, IReadOnlyList<(long Track, long Pregap)>? samples = null)
    {
        var found = Check(disc, samples);
        if (found.Count > 0)
        {
            throw new RedBookException(found);
        }
    }

    private static void Aligned(List<RedBookViolation> found, int track, string what, long samples)
    {
        var over = samples % CdTime.SamplesPerFrame;
        if (over != 0)
        {
            found.Add(new(FrameAlignment, track, string.Create(CultureInfo.InvariantCulture,
                $"{what} is {samples:N0} samples, {over} past a whole CD frame of 588: pad to {samples - over + CdTime.SamplesPerFrame:N0} or trim to {samples - over:N0}")));
        }
    }

    // The packs the CD-Text needs when they are more than a block holds; null when it fits.
    private static int? CdTextFits(CdDisc disc) => Cd.CdText.PackCount(disc) is var packs && packs > Cd.CdText.MaxPacks ? packs : null;

    // CD-Text is ISO-8859-1 (Latin-1) text without control characters, at most 160 characters a field.
    private static void Text(List<RedBookViolation> found, int? track, string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxCdTextLength)
        {
            found.Add(new(CdText, track, $"the {field} has {value.Length} characters: at most {MaxCdTextLength}"));
        }

        if (value.Any(c => c > 0xFF || char.IsControl(c)))
        {
            found.Add(new(CdText, track, $"the {field} '{value}' has characters CD-Text cannot carry (ISO-8859-1 only, no control characters)"));
        }
    }
}
