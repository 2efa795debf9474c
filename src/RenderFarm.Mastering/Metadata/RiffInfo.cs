using System.Globalization;
using System.Text;
using RenderFarm.Audio.Wav;

namespace RenderFarm.Mastering.Metadata;

/// <summary>The RIFF LIST/INFO chunk of a WAV deliverable: INAM, IART, IPRD, ITRK, ICRD, ISRC, ISFT.</summary>
internal static class RiffInfo
{
    public static WavChunk Chunk(TrackMetadata metadata)
    {
        var fields = new List<(string Id, string Value)>();
        Add(fields, "INAM", metadata.Title);
        Add(fields, "IART", metadata.Artist);
        Add(fields, "IPRD", metadata.Album);
        Add(fields, "ITRK", metadata.TrackNumber?.ToString(CultureInfo.InvariantCulture));
        Add(fields, "ICRD", metadata.Year?.ToString(CultureInfo.InvariantCulture));
        Add(fields, "ISRC", metadata.Isrc);
        Add(fields, "ISFT", "RenderFarm");
        using var ms = new MemoryStream();
        ms.Write("INFO"u8);
        foreach (var (id, value) in fields)
        {
            var text = Encoding.UTF8.GetBytes(value + "\0");
            ms.Write(Encoding.ASCII.GetBytes(id));
            ms.Write(BitConverter.GetBytes((uint)text.Length));
            ms.Write(text);
            if ((text.Length & 1) != 0)
            {
                ms.WriteByte(0);
            }
        }

        return new WavChunk("LIST", ms.ToArray());
    }

    private static void Add(List<(string, string)> fields, string id, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add((id, value));
        }
    }
}
