using System.Text;
using RenderFarm.Audio.Aiff;
using RenderFarm.Audio.Ffmpeg;
using RenderFarm.Audio.Wav;

namespace RenderFarm.Audio;

/// <summary>Opens any audio file for streaming: WAV/RF64/BW64 and AIFF natively, everything else through ffmpeg.</summary>
public static class AudioFile
{
    /// <summary>
    /// The extensions of audio files, for picking them out of a folder (a file is opened by its content,
    /// whatever its name; this only says which names are worth trying).
    /// </summary>
    public static IReadOnlyList<string> Extensions { get; } =
        [".wav", ".wave", ".rf64", ".bwf", ".w64", ".aif", ".aiff", ".aifc", ".caf", ".flac", ".wv", ".ape", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".mka", ".wma"];

    /// <summary>Whether the file's name says it is audio (not hidden, a known extension).</summary>
    public static bool HasAudioName(string path) =>
        !Path.GetFileName(path).StartsWith('.') && Extensions.Contains(Path.GetExtension(path).ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>Opens <paramref name="path"/> by what its first bytes say it is, not by its extension.</summary>
    public static IAudioReader OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new AudioFileException(path, "file", "is a directory, not an audio file");
        }

        if (!File.Exists(path))
        {
            throw new AudioFileException(path, "file", "does not exist");
        }

        return Sniff(path) switch
        {
            Kind.Wave => WavReader.Open(path),
            Kind.Aiff => AiffReader.Open(path),
            Kind.Empty => throw new AudioFileException(path, "file", "is empty"),
            _ => FfmpegDecoder.Open(path),
        };
    }

    private static Kind Sniff(string path)
    {
        Span<byte> head = stackalloc byte[12];
        int read;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            read = RandomAccess.Read(handle, head, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, "file", e.Message, e);
        }

        if (read == 0)
        {
            return Kind.Empty;
        }

        if (read < 12)
        {
            return Kind.Other;
        }

        var id = Encoding.ASCII.GetString(head[..4]);
        var form = Encoding.ASCII.GetString(head[8..12]);
        return (id, form) switch
        {
            ("RIFF" or "RF64" or "BW64", "WAVE") => Kind.Wave,
            ("FORM", "AIFF" or "AIFC") => Kind.Aiff,
            _ => Kind.Other,
        };
    }

    private enum Kind
    {
        Empty,
        Wave,
        Aiff,
        Other,
    }
}
