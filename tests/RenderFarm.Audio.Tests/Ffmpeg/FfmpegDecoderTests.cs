using RenderFarm.Audio.Analysis;
using RenderFarm.Audio.Ffmpeg;
using RenderFarm.Audio.Tests.Wav;
using RenderFarm.Audio.Wav;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Ffmpeg;

/// <summary>Compressed formats decode through ffmpeg as a stream; lossless ones bit-exact, lossy ones close in loudness.</summary>
public sealed class FfmpegDecoderTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("ffmpeg");

    [Fact]
    public void Flac_DecodesBitExactToTheWavItCameFrom()
    {
        var source = Material.Song(2);
        var flac = Path.Combine(_folder, "song.flac");
        Tools.Ffmpeg("-i", source, "-c:a", "flac", flac);
        using var wav = WavReader.Open(source);
        using var decoder = FfmpegDecoder.Open(flac);
        Assert.Equal("flac", decoder.Info.Codec);
        Assert.Equal(48_000, decoder.Info.SampleRate);
        var expected = WavRoundTripTests.ReadAll(wav, 2);
        var decoded = WavRoundTripTests.ReadAll(decoder, 2);
        Assert.Equal(expected[0].Length, decoded[0].Length);
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("mp3", 0.2)]
    [InlineData("ogg", 0.2)]
    [InlineData("opus", 0.2)]
    [InlineData("m4a", 0.4)]
    public void LossyFormats_DecodeToTheSongsLengthAndLoudness(string format, double loudnessTolerance)
    {
        var original = FileAnalyzer.Analyze(Material.Song(1), cancellationToken: TestContext.Current.CancellationToken);
        var decoded = FileAnalyzer.Analyze(Material.Format(format), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, decoded.Info.Channels);
        Assert.Equal(original.Loudness.DurationSeconds, decoded.Loudness.DurationSeconds, 0.1);
        Assert.Equal(original.Loudness.IntegratedLufs, decoded.Loudness.IntegratedLufs, loudnessTolerance);
    }

    [Fact]
    public void CorruptFlac_ErrorCarriesFfmpegsMessage()
    {
        var flac = Path.Combine(_folder, "corrupt.flac");
        Tools.Ffmpeg("-i", Material.Song(0), "-t", "5", "-c:a", "flac", flac);
        var bytes = File.ReadAllBytes(flac);
        // Keep the stream header; replace the audio frames with noise.
        new Random(9).NextBytes(bytes.AsSpan(8192));
        File.WriteAllBytes(flac, bytes);
        var e = Assert.Throws<AudioFileException>(() =>
        {
            using var decoder = AudioFile.OpenRead(flac);
            WavRoundTripTests.ReadAll(decoder, decoder.Info.Channels);
        });
        Assert.Equal(flac, e.FilePath);
        Assert.Equal("decoder", e.Field);
        Assert.Contains("ffmpeg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlacWithDamagedFrames_ErrorCarriesFfmpegsMessage()
    {
        var flac = Path.Combine(_folder, "damaged.flac");
        Tools.Ffmpeg("-i", Material.Song(0), "-t", "20", "-c:a", "flac", flac);
        var bytes = File.ReadAllBytes(flac);
        // Damage a stretch in the middle: the decoder loses sync there and says so.
        new Random(3).NextBytes(bytes.AsSpan(bytes.Length / 2, 20_000));
        File.WriteAllBytes(flac, bytes);
        var e = Assert.Throws<AudioFileException>(() =>
        {
            using var decoder = AudioFile.OpenRead(flac);
            WavRoundTripTests.ReadAll(decoder, decoder.Info.Channels);
        });
        Assert.Equal("decoder", e.Field);
        Assert.Contains("ffmpeg could not decode the file cleanly", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SurroundFlac_LayoutFromFfprobe()
    {
        var path = Path.Combine(_folder, "surround.flac");
        Tools.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=1000:duration=1", "-filter_complex", "[0]asplit=6[a][b][c][d][e][f];[a][b][c][d][e][f]join=inputs=6:channel_layout=5.1(side)", "-c:a", "flac", path);
        using var decoder = FfmpegDecoder.Open(path);
        Assert.Equal(6, decoder.Info.Channels);
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 1.41, 1.41], decoder.Info.Layout.Weights());
    }

    [Fact]
    public void PathThatLooksLikeAnOption_TreatedAsAFile()
    {
        var path = Path.Combine(_folder, "-i");
        File.Copy(Material.Format("flac"), path);
        using var decoder = AudioFile.OpenRead(path);
        Assert.Equal("flac", decoder.Info.Codec);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
