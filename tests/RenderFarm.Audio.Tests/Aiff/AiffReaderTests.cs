using RenderFarm.Audio.Aiff;
using RenderFarm.Audio.Tests.Wav;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Aiff;

/// <summary>AIFF and AIFF-C written by ffmpeg decode to exactly the samples of the WAV they came from.</summary>
public sealed class AiffReaderTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("aiff");

    [Theory]
    [InlineData("pcm_s16be", SampleFormat.Pcm16, "aiff")]
    [InlineData("pcm_s24be", SampleFormat.Pcm24, "aiff")]
    [InlineData("pcm_s32be", SampleFormat.Pcm32, "aiff")]
    [InlineData("pcm_s8", SampleFormat.Pcm8, "aiff")]
    [InlineData("pcm_f32be", SampleFormat.Float32, "aifc")]
    [InlineData("pcm_f64be", SampleFormat.Float64, "aifc")]
    [InlineData("pcm_s16le", SampleFormat.Pcm16, "aifc")]
    public void FfmpegAiff_DecodesToSourceSamples(string codec, SampleFormat format, string container)
    {
        var storedFormat = format == SampleFormat.Pcm8 ? SampleFormat.Pcm8 : format is SampleFormat.Float32 or SampleFormat.Float64 ? SampleFormat.Pcm24 : format;
        var samples = WavRoundTripTests.RandomSamples(storedFormat, 2, 4321, 8);
        var wav = Path.Combine(_folder, $"{codec}.wav");
        WavRoundTripTests.Write(wav, storedFormat, 2, 44_100, samples);
        var aiff = Path.Combine(_folder, $"{codec}.aif");
        Tools.Ffmpeg("-i", wav, "-c:a", codec, "-f", "aiff", aiff);

        using var reader = AiffReader.Open(aiff);
        Assert.Equal(container, reader.Info.Container);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(44_100, reader.Info.SampleRate);
        Assert.Equal(4321, reader.Info.Frames);
        Assert.Equal(samples, WavRoundTripTests.ReadAll(reader, 2));
    }

    [Fact]
    public void TruncatedAiff_ClearError()
    {
        var wav = WavFixtures.WriteValid(_folder, "t.wav", frames: 10_000);
        var aiff = Path.Combine(_folder, "t.aif");
        Tools.Ffmpeg("-i", wav, "-c:a", "pcm_s16be", aiff);
        var bytes = File.ReadAllBytes(aiff);
        File.WriteAllBytes(aiff, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<AudioFileException>(() => AiffReader.Open(aiff));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Equal(aiff, e.FilePath);
    }

    [Fact]
    public void UnsupportedAifcCompression_NamesIt()
    {
        var wav = WavFixtures.WriteValid(_folder, "u.wav");
        var aiff = Path.Combine(_folder, "u.aifc");
        Tools.Ffmpeg("-i", wav, "-c:a", "pcm_mulaw", "-f", "aiff", aiff);
        var e = Assert.Throws<AudioFileException>(() => AiffReader.Open(aiff));
        Assert.Equal("COMM chunk", e.Field);
        Assert.Contains("'ulaw'", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
