using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Wav;

/// <summary>Every sample format, channel count and a spread of rates written and read back bit-exact, and read by ffprobe.</summary>
public sealed class WavRoundTripTests : IDisposable
{
    private const int Frames = 10_007;
    private readonly string _folder = Material.TempFolder("wav-roundtrip");

    public static TheoryData<SampleFormat, int, int> Cases()
    {
        var data = new TheoryData<SampleFormat, int, int>();
        foreach (var format in Enum.GetValues<SampleFormat>())
        {
            foreach (var (channels, rate) in new[] { (1, 8_000), (2, 44_100), (6, 96_000), (8, 384_000) })
            {
                data.Add(format, channels, rate);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteThenRead_EveryFormat_SamplesAndBytesIdentical(SampleFormat format, int channels, int rate)
    {
        var samples = RandomSamples(format, channels, Frames, seed: (int)format * 100 + channels);
        var path = Path.Combine(_folder, $"{format}-{channels}-{rate}.wav");
        Write(path, format, channels, rate, samples);

        using (var reader = WavReader.Open(path))
        {
            Assert.Equal(rate, reader.Info.SampleRate);
            Assert.Equal(channels, reader.Info.Channels);
            Assert.Equal(format, reader.Info.SampleFormat);
            Assert.Equal(Frames, reader.Info.Frames);
            var back = ReadAll(reader, channels);
            for (var c = 0; c < channels; c++)
            {
                Assert.Equal(samples[c], back[c]);
            }

            var copy = Path.Combine(_folder, $"{format}-{channels}-{rate}-copy.wav");
            Write(copy, format, channels, rate, back);
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(copy));
        }

        var stream = Tools.Probe(path).GetProperty("streams")[0];
        Assert.Equal(channels, stream.GetProperty("channels").GetInt32());
        Assert.Equal(rate.ToString(System.Globalization.CultureInfo.InvariantCulture), stream.GetProperty("sample_rate").GetString());
    }

    [Theory]
    [InlineData(SampleFormat.Pcm8)]
    [InlineData(SampleFormat.Pcm16)]
    [InlineData(SampleFormat.Pcm24)]
    [InlineData(SampleFormat.Float32)]
    public void FloatReadAndWrite_FormatsAFloatHoldsExactly_BytesIdentical(SampleFormat format)
    {
        var samples = RandomSamples(format, 2, Frames, seed: 7);
        var path = Path.Combine(_folder, $"float-{format}.wav");
        Write(path, format, 2, 48_000, samples);
        var copy = Path.Combine(_folder, $"float-{format}-copy.wav");
        using (var reader = WavReader.Open(path))
        using (var writer = WavWriter.Create(copy, new WavWriterOptions { SampleRate = 48_000, Channels = 2, Format = format }))
        {
            var buffer = new AudioBuffer(2, 1000);
            int n;
            while ((n = reader.Read(buffer.AsBlock())) > 0)
            {
                writer.Write(buffer.AsBlock(n));
            }

            writer.Complete();
        }

        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(copy));
    }

    [Fact]
    public void SurroundFile_ExtensibleMask_ReadBackAsFivePointOne()
    {
        var path = Path.Combine(_folder, "51.wav");
        Write(path, SampleFormat.Pcm24, 6, 48_000, RandomSamples(SampleFormat.Pcm24, 6, 100, 1));
        using var reader = WavReader.Open(path);
        Assert.Equal(0x3Fu, reader.Info.ChannelMask);
        Assert.Equal(0.0, reader.Info.Layout.Weights()[3]);
        Assert.Equal(1.41, reader.Info.Layout.Weights()[4]);
        var stream = Tools.Probe(path).GetProperty("streams")[0];
        Assert.Equal("5.1", stream.GetProperty("channel_layout").GetString());
    }

    [Fact]
    public void WriterNotCompleted_LeavesNoFileBehind()
    {
        var path = Path.Combine(_folder, "abandoned.wav");
        using (var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = 1 }))
        {
            writer.Write([new double[100]], 0, 100);
        }

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void NaNSample_WriteRefused_NamesFrameAndChannel_NoFileLeft()
    {
        var path = Path.Combine(_folder, "nan.wav");
        var data = new double[2][] { new double[10], new double[10] };
        data[1][7] = double.NaN;
        using var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = 2 });
        var e = Assert.Throws<AudioFileException>(() => writer.Write(data, 0, 10));
        Assert.Contains("frame 7 on channel 2", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void OverFullScale_IntegerFormat_ClippedAndCounted()
    {
        var path = Path.Combine(_folder, "clip.wav");
        using var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = 1, Format = SampleFormat.Pcm16 });
        writer.Write([[1.5, -1.5, 0.5, 1.0]], 0, 4);
        writer.Complete();
        Assert.Equal(3, writer.ClippedSamples);
        using var reader = WavReader.Open(path);
        var back = ReadAll(reader, 1);
        Assert.Equal([32767 / 32768.0, -1.0, 0.5, 32767 / 32768.0], back[0]);
    }

    [Theory]
    [InlineData(SampleFormat.Pcm16, 32768.0)]
    [InlineData(SampleFormat.Pcm24, 8388608.0)]
    public void OverFullScale_FloatBlocks_ClippedAndCountedLikeDoubles(SampleFormat format, double scale)
    {
        // Long enough for the vectorised path and its scalar tail.
        float[] values = [1.5f, -1.5f, 0.5f, 1.0f, -1.0f, 0.25f, -0.75f, 2f, 0.1f, -3f, 0.999f];
        var path = Path.Combine(_folder, $"clip-float-{format}.wav");
        using (var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = 1, Format = format }))
        {
            writer.Write(new AudioBlock([values], values.Length));
            writer.Complete();
            Assert.Equal(5, writer.ClippedSamples);
        }

        using var reader = WavReader.Open(path);
        var back = ReadAll(reader, 1)[0];
        var expected = values.Select(v => Math.Clamp(Math.Round(v * scale, MidpointRounding.ToEven), -scale, scale - 1) / scale).ToArray();
        Assert.Equal(expected, back);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static void Write(string path, SampleFormat format, int channels, int rate, double[][] samples, WavWriterOptions? options = null)
    {
        var o = (options ?? new WavWriterOptions { SampleRate = rate, Channels = channels }) with { SampleRate = rate, Channels = channels, Format = format };
        using var writer = WavWriter.Create(path, o);
        // Uneven pieces exercise block boundaries.
        for (var done = 0; done < samples[0].Length;)
        {
            var n = Math.Min(777, samples[0].Length - done);
            writer.Write(samples, done, n);
            done += n;
        }

        writer.Complete();
    }

    internal static double[][] ReadAll(IAudioReader reader, int channels)
    {
        var result = Enumerable.Range(0, channels).Select(_ => new List<double>()).ToArray();
        var buffer = Enumerable.Range(0, channels).Select(_ => new double[1000]).ToArray();
        int n;
        while ((n = reader.Read(buffer, 0, 1000)) > 0)
        {
            for (var c = 0; c < channels; c++)
            {
                result[c].AddRange(buffer[c].Take(n));
            }
        }

        return result.Select(r => r.ToArray()).ToArray();
    }

    /// <summary>Random values the format holds exactly, covering its whole range.</summary>
    internal static double[][] RandomSamples(SampleFormat format, int channels, int frames, int seed)
    {
        var random = new Random(seed);
        var data = new double[channels][];
        for (var c = 0; c < channels; c++)
        {
            data[c] = new double[frames];
            for (var i = 0; i < frames; i++)
            {
                data[c][i] = format switch
                {
                    SampleFormat.Pcm8 => random.Next(-128, 128) / 128.0,
                    SampleFormat.Pcm16 => random.Next(-32768, 32768) / 32768.0,
                    SampleFormat.Pcm24 => random.Next(-8388608, 8388608) / 8388608.0,
                    SampleFormat.Pcm32 => random.NextInt64(int.MinValue, (long)int.MaxValue + 1) / 2147483648.0,
                    SampleFormat.Float32 => (float)((random.NextDouble() * 4.0) - 2.0),
                    _ => (random.NextDouble() * 4.0) - 2.0,
                };
            }
        }

        return data;
    }
}
