using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dither;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Mastering.Albums;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// The disc programme's own limiter: a crossfade that sums two songs over the ceiling is held under it, and
/// where the songs are under the ceiling already the programme is the songs themselves, dithered.
/// </summary>
public sealed class AlbumImageTests : IDisposable
{
    private const int Rate = 44_100;
    private const double Amplitude = 0.8; // -1.94 dBFS, under the -1.0 dBTP ceiling and the limiter's 0.1 dB margin
    private const double Hz = 220;
    private readonly string _folder = Material.TempFolder("album-image");

    [Fact]
    public void CoherentCrossfade_SummingOverTheCeiling_IsHeldUnderIt_AndTheRestIsUntouched()
    {
        // Two 8 s songs crossfading over 3 s, both cut from one sine on the programme's timeline, so in the
        // overlap they are the same samples and the equal-power fades sum them to sqrt(2): +3 dB, 1.1 dB over full scale.
        var album = new Album { Songs = [new AlbumSong { Path = "a.wav" }, new AlbumSong { Path = "b.wav", CrossfadeSeconds = 3 }] };
        var length = 8L * Rate;
        var layout = AlbumLayout.Plan(album, [length, length]);
        var songs = layout.Starts.Select((start, i) => Sine(Path.Combine(_folder, $"song{i}.wav"), start, length)).ToArray();
        var limiter = new LimiterSettings { CeilingDbtp = -1.0 };
        var wav = Path.Combine(_folder, "image.wav");

        var result = AlbumImage.Render(layout, songs, limiter, NoiseShaping.None, wav, Path.Combine(_folder, "IMAGE.DAT"), TestContext.Current.CancellationToken);

        var peak = ReferenceMeter.MeasureFile(wav).TruePeakDbtp;
        TestContext.Current.TestOutputHelper?.WriteLine($"image {peak:0.000} dBTP by libebur128; limiter {result.LimiterMaxGainReductionDb:0.00} dB for {result.LimitedSeconds:0.000} s");
        Assert.True(peak <= limiter.CeilingDbtp + 0.05, $"the programme peaks at {peak:0.000} dBTP");
        Assert.Equal(0, result.ClippedSamples);
        // 0.8 x sqrt(2) is +1.07 dBFS; held at the ceiling less the limiter's 0.1 dB margin, 2.17 dB come off.
        var needed = (20 * Math.Log10(Amplitude * Math.Sqrt(2))) - (limiter.CeilingDbtp - limiter.SafetyMarginDb);
        Assert.InRange(-result.LimiterMaxGainReductionDb, needed - 0.05, needed + 0.1);

        // Where one song plays alone (the first song's first 4 s) the limiter does nothing: the programme is the
        // sine within the 16-bit dither (TPDF, 1 LSB each way, and the rounding).
        using var reader = AudioFile.OpenRead(wav);
        var buffer = new AudioBuffer(2, (int)layout.TotalSamples);
        var got = reader.Read(buffer.AsBlock());
        Assert.Equal(layout.TotalSamples, got);
        var worst = 0.0;
        for (var t = layout.Starts[0]; t < layout.Starts[0] + (4 * Rate); t++)
        {
            worst = Math.Max(worst, Math.Abs(buffer.Channel(0)[(int)t] - Value(t)));
        }

        Assert.True(worst <= 1.6 / 32768, $"the programme strays {worst * 32768:0.00} LSB from the song where it plays alone");

        // The 2 s before track 1 are digital silence: no dither where no song plays.
        Assert.True(buffer.Channel(0).AsSpan(0, (int)layout.Starts[0]).IndexOfAnyExcept(0f) < 0);
        Assert.True(buffer.Channel(1).AsSpan(0, (int)layout.Starts[0]).IndexOfAnyExcept(0f) < 0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static double Value(long t) => Amplitude * Math.Sin(2 * Math.PI * Hz * t / Rate);

    // The song playing from programme sample <paramref name="start"/>: the sine as it stands there, in 32-bit float.
    private static string Sine(string path, long start, long length)
    {
        using var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = Rate, Channels = 2, Format = SampleFormat.Float32 });
        var buffer = new AudioBuffer(2, 4096);
        for (long done = 0; done < length; done += 4096)
        {
            var n = (int)Math.Min(4096, length - done);
            var block = buffer.AsBlock(n);
            for (var i = 0; i < n; i++)
            {
                block[0][i] = block[1][i] = (float)Value(start + done + i);
            }

            writer.Write(block);
        }

        writer.Complete();
        return path;
    }
}
