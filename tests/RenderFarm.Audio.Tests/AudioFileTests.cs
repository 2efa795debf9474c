using RenderFarm.Audio.Aiff;
using RenderFarm.Audio.Ffmpeg;
using RenderFarm.Audio.Wav;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests;

/// <summary>Opening by content: the right reader for each kind of file, and clear errors for what is not audio.</summary>
public sealed class AudioFileTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("audio-file");

    [Theory]
    [InlineData("wav", typeof(WavReader))]
    [InlineData("aiff", typeof(AiffReader))]
    [InlineData("flac", typeof(FfmpegDecoder))]
    [InlineData("mp3", typeof(FfmpegDecoder))]
    [InlineData("w64", typeof(FfmpegDecoder))]
    public void OpenRead_ChoosesReaderByContent(string format, Type expected)
    {
        var source = format == "wav" ? Material.Song(1) : Material.Format(format);
        // Misleading extension: the content decides.
        var path = Path.Combine(_folder, "misnamed.ogg");
        File.Copy(source, path);
        using var reader = AudioFile.OpenRead(path);
        Assert.IsType(expected, reader);
        Assert.Equal(2, reader.Info.Channels);
    }

    [Fact]
    public void EmptyFile_Refused()
    {
        var path = Path.Combine(_folder, "empty.wav");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<AudioFileException>(() => AudioFile.OpenRead(path));
        Assert.Equal("file", e.Field);
        Assert.Contains("is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_Refused()
    {
        var e = Assert.Throws<AudioFileException>(() => AudioFile.OpenRead(_folder));
        Assert.Contains("is a directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_Refused()
    {
        var path = Path.Combine(_folder, "nothing-here.flac");
        var e = Assert.Throws<AudioFileException>(() => AudioFile.OpenRead(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFile_RefusedWithFfmpegsReason()
    {
        var path = Path.Combine(_folder, "notes.mp3");
        File.WriteAllText(path, "these are liner notes, not audio\n");
        var e = Assert.Throws<AudioFileException>(() => AudioFile.OpenRead(path));
        Assert.Equal("decoder", e.Field);
        Assert.Contains("not a readable media file", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VideoWithoutAudio_RefusedAsNoAudioStream()
    {
        var path = Path.Combine(_folder, "picture.mkv");
        Tools.Ffmpeg("-f", "lavfi", "-i", "testsrc=duration=1:size=64x64:rate=10", path);
        var e = Assert.Throws<AudioFileException>(() => AudioFile.OpenRead(path));
        Assert.Equal("audio stream", e.Field);
        Assert.Contains("holds no audio", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
