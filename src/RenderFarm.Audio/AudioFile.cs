using System.Text;
using RenderFarm.Audio.Aiff;
using RenderFarm.Audio.Ffmpeg;
using RenderFarm.Audio.Inspection;
using RenderFarm.Audio.Wav;

namespace RenderFarm.Audio;

/// <summary>Opens any audio file for streaming (WAV/RF64/BW64 and AIFF natively, everything else through ffmpeg), or describes it from its headers.</summary>
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
        return Sniff(Existing(path)) switch
        {
            Kind.Wave => WavReader.Open(path),
            Kind.Aiff => AiffReader.Open(path),
            Kind.Empty => throw new AudioFileException(path, "file", "is empty"),
            _ => FfmpegDecoder.Open(path),
        };
    }

    /// <summary>
    /// What <paramref name="path"/>'s headers say without decoding it: its stream as <see cref="OpenRead"/> would
    /// read it, and its tags. WAV, AIFF, FLAC and MP3 are read here (a few reads of the file's start, no process);
    /// every other format, and any of those the readers here decline, by one ffprobe run. What cannot be read
    /// throws <see cref="AudioFileException"/> naming the file, as <see cref="OpenRead"/> does.
    /// </summary>
    public static AudioDescription Describe(string path)
    {
        switch (Sniff(Existing(path)))
        {
            case Kind.Empty:
                throw new AudioFileException(path, "file", "is empty");
            case Kind.Wave:
                using (var wav = WavReader.Open(path))
                {
                    // ffprobe gives an ID3 chunk's tags and the INFO list's in the order they come: left to it.
                    if (wav.Chunks.Any(c => c.Id is "id3 " or "ID3 "))
                    {
                        return new AudioDescription(wav.Info, FfmpegDecoder.Probe(path, withTags: true).Tags, AudioDescription.Ffprobe);
                    }

                    var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var list in wav.Chunks.Where(c => c.Id == "LIST"))
                    {
                        RiffInfoTags.Read(list.Data, tags);
                    }

                    return new AudioDescription(wav.Info, tags, AudioDescription.Native);
                }

            case Kind.Aiff:
                using (var aiff = AiffReader.Open(path))
                {
                    return new AudioDescription(aiff.Info, FfmpegDecoder.Probe(path, withTags: true).Tags, AudioDescription.Ffprobe);
                }

            default:
                try
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
                    var native = FlacMetadata.TryDescribe(path, stream);
                    if (native is null)
                    {
                        stream.Position = 0;
                        native = MpegAudioFrames.TryDescribe(path, stream);
                    }

                    if (native is not null)
                    {
                        return native;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new AudioFileException(path, "file", e.Message, e);
                }

                return FfmpegDecoder.Describe(path);
        }
    }

    private static string Existing(string path)
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

        return path;
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
