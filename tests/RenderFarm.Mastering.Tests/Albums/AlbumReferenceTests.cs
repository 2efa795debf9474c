using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Spectral;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// An album mastered towards a reference recording as one programme, on real material: three planetblupi
/// songs (one mixed 8 dB down) matched to a brighter, thinner, louder take of a fourth. Measured on the
/// delivered files: the album's tonal balance (its songs' long-term spectra, level removed, weighted by
/// length) moves towards the reference's; the songs keep their tonal differences from one another (one
/// correction for all) and their loudness differences (album mode); the album lands on the reference's
/// loudness by libebur128; at 0 % the files are those of the album without a reference, byte for byte.
/// </summary>
public sealed class AlbumReferenceTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Origination = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Material.TempFolder("album-reference");

    private static MasteringProfile Profile => MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };

    [Fact]
    public void Album_MovesTowardsTheReference_AsOne_KeepingItsSongsApart_AndZeroPercentChangesNothing()
    {
        var album = new Album
        {
            Title = "Matched",
            Songs =
            [
                new AlbumSong { Path = Piece(0, 10, 0, "one"), Title = "One" },
                new AlbumSong { Path = Piece(1, 30, -8, "two"), Title = "Two" },
                new AlbumSong { Path = Piece(3, 20, 0, "three"), Title = "Three" },
            ],
        };
        var reference = Path.Combine(_folder, "reference.wav");
        Tools.Ffmpeg("-ss", "40", "-t", "30", "-i", Material.Song(2), "-af", "bass=g=-7,treble=g=7,volume=4dB", "-ar", "48000", "-c:a", "pcm_s24le", reference);
        var referenceSpectrum = Spectrum(reference);
        var referenceLufs = ReferenceMeter.MeasureFile(reference).IntegratedLufs;

        var plain = Run(album, "plain");
        var matched = Run(album with { Reference = new ReferenceTrack(reference) }, "matched");
        var zero = Run(album with { Reference = new ReferenceTrack(reference, 0) }, "zero");

        // The album's balance, measured on the delivered files, comes towards the reference's.
        var before = ReferenceMatch.Distance(referenceSpectrum.Centres, AlbumBalance(album.Songs.Select(s => s.Path)), referenceSpectrum.Levels);
        var plainAfter = ReferenceMatch.Distance(referenceSpectrum.Centres, AlbumBalance(plain.Tracks.Select(t => t.Path)), referenceSpectrum.Levels);
        var after = ReferenceMatch.Distance(referenceSpectrum.Centres, AlbumBalance(matched.Tracks.Select(t => t.Path)), referenceSpectrum.Levels);
        var m = matched.Reference!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"album's tonal distance to the reference: {before:0.00} dB as mixed, {plainAfter:0.00} mastered without it, {after:0.00} with it (report {m.DistanceBeforeDb:0.00} -> {m.DistanceAfterDb:0.00}); filters {string.Join(", ", m.Filters.Select(f => $"{f.FrequencyHz:0}:{f.GainDb:+0.0;-0.0}"))}"));
        Assert.True(after < 0.6 * before, $"the album's distance went from {before:0.00} only to {after:0.00} dB");
        Assert.True(after < 0.6 * plainAfter, $"mastered without the reference the album is {plainAfter:0.00} dB away, with it {after:0.00} dB");
        Assert.Equal(before, m.DistanceBeforeDb, 0.05);
        Assert.Equal(after, m.DistanceAfterDb, 0.1);

        // One correction for every song: on the delivered files, the difference between two songs' 1/6-octave
        // spectra hardly changes (what the chain's dynamics do differently to each), while they stay as far apart
        // as they were (matching each song on its own would pull them all to the reference and together).
        var plainSpectra = plain.Tracks.Select(t => Spectrum(t.Path).Levels).ToArray();
        var matchedSpectra = matched.Tracks.Select(t => Spectrum(t.Path).Levels).ToArray();
        var centres = referenceSpectrum.Centres;
        for (var i = 0; i < album.Songs.Count; i++)
        {
            for (var j = i + 1; j < album.Songs.Count; j++)
            {
                var apart = ReferenceMatch.Distance(centres, plainSpectra[i], plainSpectra[j]);
                var stillApart = ReferenceMatch.Distance(centres, matchedSpectra[i], matchedSpectra[j]);
                var changed = ReferenceMatch.Distance(centres, Minus(matchedSpectra[i], matchedSpectra[j]), Minus(plainSpectra[i], plainSpectra[j]));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {album.Songs[i].Title} and {album.Songs[j].Title}: {apart:0.00} dB apart without the reference, {stillApart:0.00} with; their difference changed by {changed:0.00} dB"));
                Assert.True(changed <= Math.Max(0.5, 0.25 * apart), $"the difference between {album.Songs[i].Title} and {album.Songs[j].Title} changed by {changed:0.00} dB ({apart:0.00} apart)");
                Assert.Equal(apart, stillApart, 0.5);
            }
        }

        // The album on the reference's loudness (libebur128 over the delivered tracks as one programme), the songs as far apart as mixed.
        var albumLufs = ReferenceMeter.IntegratedOfFiles([.. matched.Tracks.Select(t => t.Path)]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"album {albumLufs:0.000} LUFS by libebur128, reference {referenceLufs:0.000}; target {matched.TargetLufs:0.000}"));
        Assert.Equal(referenceLufs, matched.TargetLufs!.Value, 0.01);
        Assert.Equal(referenceLufs, albumLufs, 0.1);
        for (var i = 1; i < album.Songs.Count; i++)
        {
            Assert.Equal(plain.Songs[i].OutputLufs - plain.Songs[0].OutputLufs, matched.Songs[i].OutputLufs - matched.Songs[0].OutputLufs, 0.1);
        }

        // 0 %: the files of the album without a reference.
        Assert.Equal(plain.Tracks.Select(t => t.Sha256), zero.Tracks.Select(t => t.Sha256));
        Assert.Empty(zero.Reference!.Filters);
    }

    [Theory]
    [InlineData("""{ "reference_amount": 50, "songs": [ { "path": "a.wav" } ] }""", "$.reference_amount")]
    [InlineData("""{ "reference": "ref.wav", "reference_amount": 150, "songs": [ { "path": "a.wav" } ] }""", "$.reference_amount")]
    [InlineData("""{ "reference": "", "songs": [ { "path": "a.wav" } ] }""", "$.reference")]
    public void BadReferenceFields_AreRefusedNamingTheField(string json, string field)
    {
        var e = Assert.Throws<ProfileException>(() => AlbumLoader.Parse(json));
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceThatCannotBeRead_FailsNamingTheFile()
    {
        var album = new Album { Songs = [new AlbumSong { Path = Piece(0, 0, 0, "only") }], Reference = new ReferenceTrack(Path.Combine(_folder, "nowhere.wav")) };
        var e = Assert.ThrowsAny<Exception>(() => Run(album, "broken"));
        Assert.Contains("nowhere.wav", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_folder, "broken"), ".renderfarm-*"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static double[] Minus(double[] a, double[] b) => [.. a.Zip(b, (x, y) => x - y)];

    private AlbumReport Run(Album album, string name) =>
        new AlbumJob(Profile).Run(album, Path.Combine(_folder, name), new AlbumJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);

    private string Piece(int song, double from, double gainDb, string name) => Material.Piece(_folder, name, song, from, 20, gainDb);

    // The album's tonal balance as the files have it: each one's long-term spectrum less its own mean level, weighted by its length.
    private static double[] AlbumBalance(IEnumerable<string> files)
    {
        double[]? sum = null;
        var total = 0.0;
        foreach (var file in files)
        {
            var (_, levels, seconds) = Measure(file);
            var mean = levels.Where(double.IsFinite).Average();
            sum ??= new double[levels.Length];
            for (var b = 0; b < Math.Min(sum.Length, levels.Length); b++)
            {
                sum[b] += seconds * (double.IsFinite(levels[b]) ? levels[b] - mean : 0);
            }

            total += seconds;
        }

        return [.. sum!.Select(v => v / total)];
    }

    private static (IReadOnlyList<double> Centres, double[] Levels) Spectrum(string path)
    {
        var (centres, levels, _) = Measure(path);
        return (centres, levels);
    }

    private static (IReadOnlyList<double> Centres, double[] Levels, double Seconds) Measure(string path)
    {
        using var reader = AudioFile.OpenRead(path);
        var spectrum = new LongTermSpectrum(stride: 1);
        spectrum.Prepare(new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, 16_384));
        var buffer = new AudioBuffer(reader.Info.Channels, 16_384);
        int n;
        long frames = 0;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            spectrum.Add(buffer.AsBlock(n));
            frames += n;
        }

        return (spectrum.CentresHz, spectrum.LevelsDb()!, (double)frames / reader.Info.SampleRate);
    }
}
