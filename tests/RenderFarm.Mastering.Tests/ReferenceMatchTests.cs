using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Spectral;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests;

/// <summary>
/// Mastering towards a reference recording on real material: a planetblupi song matched to a recorded drum
/// loop and to another song. The tonal distance (RMS of the difference of 1/6-octave long-term spectra,
/// 40 Hz-16 kHz, level removed), measured on the delivered files, shrinks with the amount; the master's
/// loudness moves to the reference's (libebur128, 0.1 LU); at 0 % the files are those of a job without a
/// reference, byte for byte.
/// </summary>
public sealed class ReferenceMatchTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Origination = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Material.TempFolder("reference");

    private static MasteringProfile Profile => MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };

    [Theory]
    [InlineData("loop:loop_amen_full")]
    [InlineData("song:3")]
    public void Matching_MovesTheSpectrumTowardsTheReference_ByTheAmount(string referenceName)
    {
        var mix = Excerpt(Material.Song(1), "mix");
        var reference = Excerpt(referenceName.StartsWith("loop:", StringComparison.Ordinal) ? Material.Loop(referenceName[5..]) : Material.Song(3), "reference", offset: 20);
        var referenceSpectrum = Spectrum(reference);
        var before = ReferenceMatch.Distance(referenceSpectrum.Centres, Spectrum(mix).Levels, referenceSpectrum.Levels);
        var referenceLufs = ReferenceMeter.MeasureFile(reference).IntegratedLufs;
        var distances = new Dictionary<double, double>();
        foreach (var amount in new[] { 50.0, 100.0 })
        {
            var report = Master(mix, new ReferenceTrack(reference, amount), $"at-{amount}");
            var file = report.Deliverables[0].Path;
            distances[amount] = ReferenceMatch.Distance(referenceSpectrum.Centres, Spectrum(file).Levels, referenceSpectrum.Levels);
            var loudness = ReferenceMeter.MeasureFile(file).IntegratedLufs;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{referenceName} at {amount} %: distance {before:0.00} -> {distances[amount]:0.00} dB (report {report.Reference!.DistanceBeforeDb:0.00} -> {report.Reference.DistanceAfterDb:0.00}); {loudness:0.00} LUFS (reference {referenceLufs:0.00}); filters {string.Join(", ", report.Reference.Filters.Select(f => $"{f.FrequencyHz:0}:{f.GainDb:+0.0;-0.0}"))}"));
            Assert.Equal(-14 + (amount / 100 * (referenceLufs - -14)), loudness, 0.1);
            Assert.Equal(before, report.Reference.DistanceBeforeDb, 0.05);
            Assert.All(report.Reference.CurveDb, c => Assert.InRange(Math.Abs(c), 0, ReferenceMatch.MaxCorrectionDb * amount / 100 + 1e-9));
        }

        Assert.True(distances[100] < 0.6 * before, $"at 100 % the distance went from {before:0.00} to {distances[100]:0.00} dB");
        Assert.True(distances[50] < before && distances[50] > distances[100], $"at 50 % the distance {distances[50]:0.00} dB is not between {distances[100]:0.00} and {before:0.00}");
    }

    [Fact]
    public void ZeroPercent_ChangesNothing()
    {
        var mix = Excerpt(Material.Song(1), "mix");
        var reference = Excerpt(Material.Loop("loop_amen_full"), "reference");
        var without = Master(mix, null, "without");
        var zero = Master(mix, new ReferenceTrack(reference, 0), "zero");
        Assert.Equal(without.Deliverables[0].Sha256, zero.Deliverables[0].Sha256);
        Assert.All(zero.Reference!.CurveDb, c => Assert.Equal(0, c));
        Assert.Empty(zero.Reference.Filters);
        Assert.Equal(zero.Reference.DistanceBeforeDb, zero.Reference.DistanceAfterDb, 0.3);

        var e = Assert.Throws<ProfileException>(() => Master(mix, new ReferenceTrack(reference, 101), "bad"));
        Assert.Contains("reference.amount_percent", e.Message, StringComparison.Ordinal);
        var missing = Assert.ThrowsAny<Exception>(() => Master(mix, new ReferenceTrack(Path.Combine(_folder, "missing.wav")), "missing"));
        Assert.Contains("missing.wav", missing.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private MasteringReport Master(string mix, ReferenceTrack? reference, string name) =>
        new MasteringJob(Profile).Run(mix, Path.Combine(_folder, name), new MasteringJobOptions { Origination = Origination, Reference = reference });

    private string Excerpt(string source, string name, double offset = 0)
    {
        var path = Path.Combine(_folder, name + ".wav");
        Tools.Ffmpeg("-ss", offset.ToString(CultureInfo.InvariantCulture), "-t", "30", "-i", source, "-ar", "48000", "-ac", "2", "-c:a", "pcm_s24le", path);
        return path;
    }

    private static (IReadOnlyList<double> Centres, double[] Levels) Spectrum(string path)
    {
        using var reader = AudioFile.OpenRead(path);
        var spectrum = new LongTermSpectrum(stride: 1);
        spectrum.Prepare(new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, 16_384));
        var buffer = new AudioBuffer(reader.Info.Channels, 16_384);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            spectrum.Add(buffer.AsBlock(n));
        }

        return (spectrum.CentresHz, spectrum.LevelsDb()!);
    }
}
