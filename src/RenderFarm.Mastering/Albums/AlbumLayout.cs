using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Mastering.Cd;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Where every song of an album sits in the disc's one continuous programme, in 44.1 kHz samples: each
/// track's index 1 on a CD frame (588 samples), a gap's silence as the next track's pre-gap, a crossfaded
/// song starting (on the frame at or before) its crossfade's length before the previous song ends, a
/// hidden track from the programme's first sample in track 1's pre-gap; the last track padded with
/// silence to a whole frame.
/// </summary>
public sealed record AlbumLayout
{
    /// <summary>The sample each song (in the album's order, a hidden track included) starts at.</summary>
    public required IReadOnlyList<long> Starts { get; init; }

    /// <summary>Each song's length in samples.</summary>
    public required IReadOnlyList<long> Lengths { get; init; }

    /// <summary>Each song's fade-in (its crossfade with the song before), in samples; 0 for none.</summary>
    public required IReadOnlyList<long> FadeIns { get; init; }

    public required long TotalSamples { get; init; }

    public required CdDisc Disc { get; init; }

    /// <summary>
    /// The disc <paramref name="album"/> will make, foreseen from its songs' streams before anything is rendered:
    /// each length at 44.1 kHz from the frames the headers give, as the resampler makes it (to a sample or two),
    /// or from the stream's duration where they give only that (an MP3's, to a frame or so). A song whose
    /// headers give neither counts as a minute, and <c>Known</c> says, song by song, which lengths can be judged.
    /// </summary>
    public static (CdDisc Disc, IReadOnlyList<bool> Known) Foresee(Album album, IReadOnlyList<AudioStreamInfo> songs)
    {
        ArgumentNullException.ThrowIfNull(songs);
        var lengths = songs.Select(s => s.SampleRate <= 0 ? null
            : s.Frames is { } frames ? (long?)Math.Round(frames * (double)CdTime.SampleRate / s.SampleRate)
            : s.DurationSeconds is { } seconds && double.IsFinite(seconds) && seconds > 0 ? (long?)Math.Round(seconds * CdTime.SampleRate)
            : null).ToArray();
        return (Plan(album, [.. lengths.Select(l => l ?? (60L * CdTime.SampleRate))]).Disc, [.. lengths.Select(l => l is not null)]);
    }

    /// <summary>Lays out <paramref name="album"/>'s songs of <paramref name="lengths"/> samples (44.1 kHz) on a disc; errors name the song's field.</summary>
    public static AlbumLayout Plan(Album album, IReadOnlyList<long> lengths)
    {
        ArgumentNullException.ThrowIfNull(album);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count != album.Songs.Count)
        {
            throw new ArgumentException($"{lengths.Count} lengths for {album.Songs.Count} songs", nameof(lengths));
        }

        const int Frame = CdTime.SamplesPerFrame;
        var songs = album.Songs;
        var starts = new long[songs.Count];
        var fades = new long[songs.Count];
        var pregapStarts = new long[songs.Count];
        long position = 0;
        for (var i = 0; i < songs.Count; i++)
        {
            var song = songs[i];
            if (song.Hidden)
            {
                starts[i] = 0;
                position = RoundUp(lengths[i]);
                continue;
            }

            var firstTrack = i == 0 || songs[i - 1].Hidden;
            if (firstTrack)
            {
                // Track 1's pre-gap runs from the programme's start: 2 s at least, a hidden track before it.
                var gap = Frames(song.GapSeconds ?? Album.DefaultGapSeconds);
                pregapStarts[i] = 0;
                starts[i] = i == 0 ? Math.Max(gap, 2 * CdTime.FramesPerSecond) * Frame : position + (gap * Frame);
                continue;
            }

            var previousEnd = starts[i - 1] + lengths[i - 1];
            if (song.CrossfadeSeconds > 0)
            {
                var overlap = (long)Math.Round(song.CrossfadeSeconds * CdTime.SampleRate);
                if (overlap >= lengths[i - 1] || overlap >= lengths[i])
                {
                    throw new ProfileException($"$.songs[{i}].crossfade_seconds", string.Create(CultureInfo.InvariantCulture,
                        $"{song.CrossfadeSeconds} s is longer than this song ({(double)lengths[i] / CdTime.SampleRate:0.00} s) or the one before ({(double)lengths[i - 1] / CdTime.SampleRate:0.00} s)"));
                }

                starts[i] = Math.Max(starts[i - 1] + Frame, (previousEnd - overlap) / Frame * Frame);
                pregapStarts[i] = starts[i];
                fades[i] = previousEnd - starts[i];
            }
            else
            {
                pregapStarts[i] = RoundUp(previousEnd);
                starts[i] = pregapStarts[i] + (Frames(song.GapSeconds ?? Album.DefaultGapSeconds) * Frame);
            }
        }

        var last = songs.Count - 1;
        var total = RoundUp(starts[last] + lengths[last]);
        var tracks = new List<CdTrack>();
        for (var i = 0; i < songs.Count; i++)
        {
            if (songs[i].Hidden)
            {
                continue;
            }

            var end = i == last ? total : pregapStarts[i + 1];
            tracks.Add(new CdTrack
            {
                Frames = (end - starts[i]) / Frame,
                PregapFrames = (starts[i] - pregapStarts[i]) / Frame,
                Isrc = songs[i].Isrc,
                Title = songs[i].Title,
                Performer = songs[i].Artist ?? album.Artist,
            });
        }

        var disc = new CdDisc { Upc = album.Upc, Title = album.Title, Performer = album.Artist, Tracks = tracks };
        return new AlbumLayout { Starts = starts, Lengths = [.. lengths], FadeIns = fades, TotalSamples = total, Disc = disc };

        static long RoundUp(long samples) => (samples + Frame - 1) / Frame * Frame;
        static long Frames(double seconds) => CdTime.FromSeconds(seconds);
    }
}
