namespace RenderFarm.Mastering.Cd;

/// <summary>
/// An audio CD as a mastering engineer lays it out: one continuous 44.1 kHz 16-bit stereo programme cut
/// into tracks, each with its pre-gap (the time before its index 1: silence, a segue's tail, or a hidden
/// track before track 1), its ISRC and its CD-Text; the disc's UPC/EAN and CD-Text. Every position is
/// counted in CD frames (1/75 s, 588 samples).
/// </summary>
public sealed record CdDisc
{
    /// <summary>UPC-A (12 digits) or EAN-13 of the release: the disc's catalogue number (MCN).</summary>
    public string? Upc { get; init; }

    public string? Title { get; init; }

    public string? Performer { get; init; }

    public required IReadOnlyList<CdTrack> Tracks { get; init; }

    /// <summary>The frame where track <paramref name="index"/>'s pre-gap (index 0) starts in the programme.</summary>
    public long PregapStart(int index) => TrackStart(index) - Tracks[index].PregapFrames;

    /// <summary>The frame where track <paramref name="index"/> (index 1) starts in the programme.</summary>
    public long TrackStart(int index)
    {
        long at = 0;
        for (var i = 0; i < index; i++)
        {
            at += Tracks[i].PregapFrames + Tracks[i].Frames;
        }

        return at + Tracks[index].PregapFrames;
    }

    /// <summary>The whole programme in CD frames, every pre-gap included.</summary>
    public long TotalFrames => Tracks.Sum(t => t.PregapFrames + t.Frames);
}

/// <summary>A track of a <see cref="CdDisc"/>: its length from index 1 to the next track's pre-gap, its own pre-gap, ISRC and CD-Text.</summary>
public sealed record CdTrack
{
    /// <summary>From index 1 to the end of the track, in CD frames.</summary>
    public required long Frames { get; init; }

    /// <summary>Before index 1 (index 0 to index 1), in CD frames; at least 150 (2 s) on track 1.</summary>
    public long PregapFrames { get; init; }

    /// <summary>12 characters, no hyphens (e.g. GBAYE2600123).</summary>
    public string? Isrc { get; init; }

    public string? Title { get; init; }

    public string? Performer { get; init; }
}

/// <summary>CD time: frames of 1/75 s, written mm:ss:ff.</summary>
public static class CdTime
{
    public const int FramesPerSecond = 75;

    /// <summary>Samples (per channel, at 44.1 kHz) in one CD frame.</summary>
    public const int SamplesPerFrame = 588;

    public const int SampleRate = 44_100;

    public static string Format(long frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{frames / (60 * FramesPerSecond):00}:{frames / FramesPerSecond % 60:00}:{frames % FramesPerSecond:00}");
    }

    /// <summary>mm:ss:ff back to frames; null when it is not such a time (seconds under 60, frames under 75).</summary>
    public static long? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3 || !parts.All(p => p.Length is >= 2 and <= 3 && p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var (m, s, f) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        return s < 60 && f < FramesPerSecond ? (((m * 60L) + s) * FramesPerSecond) + f : null;
    }

    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * FramesPerSecond);
}
