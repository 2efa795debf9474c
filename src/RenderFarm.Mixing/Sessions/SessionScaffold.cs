using System.Text;
using System.Text.Json;
using RenderFarm.Audio;

namespace RenderFarm.Mixing.Sessions;

/// <summary>
/// A first session for a folder of stems (<c>renderfarm session init</c>): one track per audio file, in
/// name order, at unity gain and centred, at the rate most of the stems have; a starting point to edit.
/// </summary>
public static class SessionScaffold
{
    /// <summary>The session document (JSON) for the stems in <paramref name="directory"/>, with notes on what it found.</summary>
    public static (string Json, IReadOnlyList<string> Notes) FromStems(string directory, string sessionDirectory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SessionException(directory, "the stems folder does not exist");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(AudioFile.HasAudioName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new SessionException(directory, "holds no audio files (" + string.Join(", ", AudioFile.Extensions) + ")");
        }

        if (files.Length > SessionSpec.MaxTracks)
        {
            throw new SessionException(directory, $"holds {files.Length} audio files: a session takes at most {SessionSpec.MaxTracks} tracks");
        }

        var stems = files.Select(Probe).ToArray();
        var rate = stems.GroupBy(s => s.Info.SampleRate).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var notes = stems.Where(s => s.Info.SampleRate != rate)
            .Select(s => $"{Path.GetFileName(s.Path)} is at {s.Info.SampleRate} Hz; the session is at {rate} Hz, so it will be resampled")
            .ToList();

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", SessionSpec.CurrentVersion);
            json.WriteNumber("sample_rate", rate);
            json.WriteNumber("tempo_bpm", 120);
            json.WriteString("pan_law", "constant_power");
            json.WriteStartArray("tracks");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, info) in stems)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var unique = name;
                for (var n = 2; !names.Add(unique); n++)
                {
                    unique = $"{name} {n}";
                }

                json.WriteStartObject();
                json.WriteString("name", unique.Length <= 100 ? unique : unique[..100]);
                json.WriteString("source", Path.GetRelativePath(sessionDirectory, path).Replace('\\', '/'));
                json.WriteNumber("gain_db", 0);
                json.WriteNumber("pan", 0);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("buses");
            json.WriteEndArray();
            json.WriteStartObject("master");
            json.WriteNumber("gain_db", 0);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return (Encoding.UTF8.GetString(buffer.ToArray()) + "\n", notes);
    }

    private static (string Path, AudioStreamInfo Info) Probe(string path)
    {
        try
        {
            using var reader = AudioFile.OpenRead(path);
            if (reader.Info.Channels > 2)
            {
                throw new SessionException(path, $"has {reader.Info.Channels} channels: a track takes a mono or stereo stem (split it first)");
            }

            return (path, reader.Info);
        }
        catch (AudioFileException e)
        {
            throw new SessionException(path, $"cannot be read: {e.Message}");
        }
    }
}
