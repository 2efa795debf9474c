using RenderFarm.Audio;
using RenderFarm.Mastering.Chain;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Matching an album to a reference recording as one programme. The album's tonal balance is its songs'
/// long-term spectra, each with its own level taken out and weighted by its length (a ballad counts for its
/// minutes, not for being quiet); one correction from it to the reference's is applied to every song, so the
/// album moves towards the reference while its songs keep the differences between them (matching each song on
/// its own would make them all alike). The loudness moves likewise: the album's target, by the amount.
/// </summary>
internal sealed class AlbumReference
{
    private readonly double[][] _songs;
    private readonly double[] _weights;
    private readonly int[] _rates;

    private AlbumReference(ReferenceTrack track, double lufs, IReadOnlyList<double> centres, double[] reference, double[][] songs, double[] weights, int[] rates)
    {
        _rates = rates;
        Track = track;
        Lufs = lufs;
        Centres = centres;
        Reference = reference;
        _songs = songs;
        _weights = weights;
        Album = Average(songs, weights);
        Curve = ReferenceMatch.Curve(centres, Album, reference, track.AmountPercent / 100);
        DistanceBefore = ReferenceMatch.Distance(centres, Album, reference);
    }

    public ReferenceTrack Track { get; }

    /// <summary>The reference's integrated loudness.</summary>
    public double Lufs { get; }

    /// <summary>The 1/6-octave band centres every song has (the common ones when their rates differ).</summary>
    public IReadOnlyList<double> Centres { get; }

    public double[] Reference { get; }

    /// <summary>The album's tonal balance as mixed.</summary>
    public double[] Album { get; }

    /// <summary>The one correction every song gets, in dB per band, scaled by the amount.</summary>
    public double[] Curve { get; }

    /// <summary>The album's tonal distance to the reference as mixed, in dB.</summary>
    public double DistanceBefore { get; }

    /// <summary>
    /// Measures the reference's and the songs' long-term spectra (one read of each, songs in parallel) and the
    /// album's correction; a hidden track is matched with the album but is not part of its balance.
    /// </summary>
    public static AlbumReference Plan(Album album, ReferenceTrack reference, ParallelOptions parallel, int blockFrames)
    {
        var cancellationToken = parallel.CancellationToken;
        var (wanted, centres, lufs) = MasteringJob.Spectrum(reference.Path, blockFrames, cancellationToken);
        var count = album.Songs.Count;
        var songs = new double[count][];
        var weights = new double[count];
        var rates = new int[count];
        var bands = new int[count];
        Parallel.For(0, count, parallel, i =>
        {
            var (levels, songCentres, _) = MasteringJob.Spectrum(album.Songs[i].Path, blockFrames, cancellationToken);
            using var reader = AudioFile.OpenRead(album.Songs[i].Path);
            songs[i] = levels;
            rates[i] = reader.Info.SampleRate;
            weights[i] = album.Songs[i].Hidden ? 0 : (double)(reader.Info.Frames ?? 0) / reader.Info.SampleRate;
            bands[i] = songCentres.Count;
        });

        // The band centres are one series from the lowest band up to each rate's Nyquist: the common ones are a prefix.
        var n = Math.Min(centres.Count, bands.Min());
        return new AlbumReference(reference, lufs, [.. centres.Take(n)], wanted[..n], [.. songs.Select(s => s[..n])], weights, rates);
    }

    /// <summary>What song <paramref name="song"/>'s mastering job takes: the album's correction as filters at the song's rate, and the song's own distance to the reference.</summary>
    public ReferenceContext ContextFor(int song) => new(
        Track,
        Lufs,
        Centres,
        Curve,
        Track.AmountPercent > 0 ? ReferenceMatch.Fit(Centres, Curve, _rates[song]) : [],
        Reference,
        ReferenceMatch.Distance(Centres, _songs[song], Reference));

    /// <summary>The album-wide match as a report: the one curve, the filters at the first song's rate, the album's distance before and after.</summary>
    public ReferenceMatchReport Report(IReadOnlyList<double[]?> masters) => new()
    {
        Path = Track.Path,
        AmountPercent = Track.AmountPercent,
        ReferenceLufs = Math.Round(Lufs, 2),
        CurveHz = [.. Centres.Select(c => Math.Round(c, 1))],
        CurveDb = [.. Curve.Select(c => Math.Round(c, 2))],
        Filters = ContextFor(0).Filters,
        DistanceBeforeDb = Math.Round(DistanceBefore, 3),
        DistanceAfterDb = Math.Round(DistanceOf(masters), 3),
    };

    /// <summary>The album's tonal distance to the reference over its masters' spectra (null where a master had none), in dB.</summary>
    public double DistanceOf(IReadOnlyList<double[]?> masters)
    {
        var known = Enumerable.Range(0, masters.Count).Where(i => masters[i] is not null).ToArray();
        return known.Length == 0
            ? double.NaN
            : ReferenceMatch.Distance(Centres, Average([.. known.Select(i => masters[i]![..Centres.Count])], [.. known.Select(i => _weights[i])]), Reference);
    }

    // Each song's spectrum with its own mean level taken out, then averaged band by band, weighted by length.
    private static double[] Average(double[][] songs, double[] weights)
    {
        var n = songs.Length == 0 ? 0 : songs.Min(s => s.Length);
        var sum = new double[n];
        var weight = new double[n];
        foreach (var (levels, w) in songs.Zip(weights))
        {
            var finite = levels.Take(n).Where(double.IsFinite).ToArray();
            if (finite.Length == 0 || w <= 0)
            {
                continue;
            }

            var mean = finite.Average();
            for (var b = 0; b < n; b++)
            {
                if (double.IsFinite(levels[b]))
                {
                    sum[b] += w * (levels[b] - mean);
                    weight[b] += w;
                }
            }
        }

        return [.. sum.Select((s, b) => weight[b] > 0 ? s / weight[b] : double.NaN)];
    }
}
