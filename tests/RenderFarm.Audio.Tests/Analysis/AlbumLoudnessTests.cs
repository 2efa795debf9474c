using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Analysis;

/// <summary>
/// An album's integrated loudness (its songs taken as one programme, no block straddling two songs)
/// against libebur128's loudness_global_multiple on real songs, quiet and loud: within 0.05 LU; and it
/// is not the mean of the songs' figures (the gates run over the union of their blocks).
/// </summary>
public sealed class AlbumLoudnessTests(ITestOutputHelper output)
{
    [Fact]
    public void AlbumOfRealSongs_AgreesWithLibebur128_AndIsNotTheMeanOfItsSongs()
    {
        // Four songs, one of them 12 dB quieter (a ballad beside the single).
        var songs = new[] { (Material.Song(0), 1.0f), (Material.Song(1), 1.0f), (Material.Song(2), 0.25f), (Material.Song(3), 1.0f) };
        var ours = new List<LoudnessMeter>();
        var theirs = new List<ReferenceMeter>();
        try
        {
            foreach (var (path, gain) in songs)
            {
                using var reader = AudioFile.OpenRead(path);
                var meter = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false, Layout = reader.Info.Layout });
                meter.Prepare(new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, 16_384));
                var reference = new ReferenceMeter(reader.Info.SampleRate, reader.Info.Channels, readMomentary: false);
                ours.Add(meter);
                theirs.Add(reference);
                var buffer = new AudioBuffer(reader.Info.Channels, 16_384);
                int n;
                while ((n = reader.Read(buffer.AsBlock())) > 0)
                {
                    var block = buffer.AsBlock(n);
                    for (var c = 0; c < block.Channels; c++)
                    {
                        VectorMath.Scale(block[c], gain);
                    }

                    meter.Add(block);
                    reference.Add(block);
                }
            }

            var album = LoudnessMeter.IntegratedOf(ours);
            var expected = ReferenceMeter.IntegratedOf(theirs);
            var each = ours.Select(m => m.GetReport().IntegratedLufs).ToArray();
            output.WriteLine($"album {album:0.000} LUFS, libebur128 {expected:0.000}; songs {string.Join(", ", each.Select(l => l.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.InRange(album - expected, -0.05, 0.05);
            Assert.True(Math.Abs(album - each.Average()) > 0.3, "the album's loudness should not be the mean of its songs' figures");
            Assert.InRange(album, each.Min(), each.Max());
            Assert.Equal(each[1], LoudnessMeter.IntegratedOf([ours[1]]), 9); // one song alone is that song
        }
        finally
        {
            foreach (var meter in theirs)
            {
                meter.Dispose();
            }
        }
    }
}
