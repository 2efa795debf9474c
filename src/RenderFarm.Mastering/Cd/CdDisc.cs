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
