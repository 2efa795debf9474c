using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Wav;

/// <summary>RF64 and BW64: forced, grown into from RIFF, and a real file over 4 GiB streamed both ways.</summary>
public sealed class Rf64Tests : IDisposable
{
    private readonly string _folder = Material.TempFolder("rf64");

    [Theory]
    [InlineData(WavContainer.Rf64, "RF64")]
    [InlineData(WavContainer.Bw64, "BW64")]
    public void ForcedContainer_WrittenWithDs64_ReadBackExactAndByFfprobe(WavContainer container, string id)
    {
        var path = Path.Combine(_folder, $"{id}.wav");
        var samples = WavRoundTripTests.RandomSamples(SampleFormat.Pcm24, 2, 3001, 5);
        WavRoundTripTests.Write(path, SampleFormat.Pcm24, 2, 48_000, samples, new WavWriterOptions { SampleRate = 48_000, Channels = 2, Container = container });
        Assert.Equal(id, System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
        using var reader = WavReader.Open(path);
        Assert.Equal(container, reader.Container);
        Assert.Equal(samples, WavRoundTripTests.ReadAll(reader, 2));
        Assert.Equal("3001", Tools.Probe(path).GetProperty("streams")[0].GetProperty("duration_ts").ToString());
    }

    [Fact]
    public void RiffOutgrowsItsLimit_BecomesRf64()
    {
        var path = Path.Combine(_folder, "grown.wav");
        var samples = WavRoundTripTests.RandomSamples(SampleFormat.Pcm16, 2, 5000, 6);
        WavRoundTripTests.Write(path, SampleFormat.Pcm16, 2, 48_000, samples, new WavWriterOptions { SampleRate = 48_000, Channels = 2, RiffLimit = 10_000 });
        using var reader = WavReader.Open(path);
        Assert.Equal(WavContainer.Rf64, reader.Container);
        Assert.Equal(samples, WavRoundTripTests.ReadAll(reader, 2));
    }

    [Fact]
    public void FileOver4GiB_StreamedOutAndIn_Rf64WithFlatMemory()
    {
        // 8 channels of 32-bit float at 192 kHz: 6 MB a second, so 4.4 GB is about 12 minutes of audio.
        const int channels = 8, rate = 192_000, block = 65_536;
        const long frames = (4L << 30) / (channels * 4) + 3_000_000;
        var path = Path.Combine(_folder, "big.wav");
        var buffer = new AudioBuffer(channels, block);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using (var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = rate, Channels = channels, Format = SampleFormat.Float32 }))
        {
            for (long done = 0; done < frames; done += block)
            {
                var n = (int)Math.Min(block, frames - done);
                Fill(buffer.AsBlock(n), done);
                writer.Write(buffer.AsBlock(n));
            }

            writer.Complete();
        }

        Assert.True(new FileInfo(path).Length > 4L << 30);
        long read = 0;
        var mismatches = 0;
        var expected = new AudioBuffer(channels, block);
        using (var reader = WavReader.Open(path))
        {
            Assert.Equal(WavContainer.Rf64, reader.Container);
            Assert.Equal(frames, reader.Info.Frames);
            int n;
            while ((n = reader.Read(buffer.AsBlock())) > 0)
            {
                // Check every 16th block in full, and the end.
                if ((read / block) % 16 == 0 || read + n == frames)
                {
                    Fill(expected.AsBlock(n), read);
                    for (var c = 0; c < channels; c++)
                    {
                        mismatches += buffer.AsBlock(n)[c].SequenceEqual(expected.AsBlock(n)[c]) ? 0 : 1;
                    }
                }

                read += n;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        File.Delete(path);
        Assert.Equal(frames, read);
        Assert.Equal(0, mismatches);
        Assert.True(allocated < 32 << 20, $"allocated {allocated} bytes while streaming 4 GiB");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void Fill(AudioBlock block, long start)
    {
        for (var c = 0; c < block.Channels; c++)
        {
            var span = block[c];
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (((start + i) * (c + 1)) % 65_521) / 65_521.0f;
            }
        }
    }
}
