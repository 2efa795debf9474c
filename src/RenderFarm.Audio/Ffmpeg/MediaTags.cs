using System.Text.Json;

namespace RenderFarm.Audio.Ffmpeg;

/// <summary>
/// The tags of a media file as ffprobe reads them (RIFF LIST/INFO and ID3 in WAV, Vorbis comments, ID3v2,
/// MP4 atoms): the container's and the first audio stream's, names in lower case, the container's first.
/// </summary>
public static class MediaTags
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The file's tags; an unreadable file throws <see cref="AudioFileException"/> naming it.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        using var json = FfmpegTools.ProbeJson(path, ["-v", "error", "-select_streams", "a:0", "-show_entries", "format_tags:stream_tags", "-of", "json"], "tags", Timeout);
        var root = json.RootElement;
        var places = new List<JsonElement>();
        if (root.TryGetProperty("format", out var format))
        {
            places.Add(format);
        }

        if (root.TryGetProperty("streams", out var streams) && streams.GetArrayLength() > 0)
        {
            places.Add(streams[0]);
        }

        foreach (var place in places)
        {
            if (place.TryGetProperty("tags", out var found) && found.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in found.EnumerateObject())
                {
                    if (tag.Value.ValueKind == JsonValueKind.String && tag.Value.GetString() is { Length: > 0 } value)
                    {
                        tags.TryAdd(tag.Name.ToLowerInvariant(), value.Trim());
                    }
                }
            }
        }

        return tags;
    }
}
