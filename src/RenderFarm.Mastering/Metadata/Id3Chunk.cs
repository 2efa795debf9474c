using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RenderFarm.Audio.Wav;

namespace RenderFarm.Mastering.Metadata;

/// <summary>
/// An <c>id3 </c> chunk for a WAV deliverable: an ID3v2.4 tag (UTF-8 text frames TIT2, TPE1, TALB, TRCK,
/// TDRC, TSRC and a TXXX BARCODE). RIFF INFO has no field for a UPC/EAN; the ID3 chunk is where WAV
/// taggers (MusicBrainz Picard, Mp3tag) and players look for it, and it repeats the rest for readers
/// that prefer it. (ffmpeg reads it only from files without INFO or bext metadata.)
/// </summary>
internal static class Id3Chunk
{
    private const byte Utf8 = 3;

    /// <summary>The chunk, or null when there is nothing to say.</summary>
    public static WavChunk? Chunk(TrackMetadata metadata)
    {
        var frames = new MemoryStream();
        Text(frames, "TIT2", metadata.Title);
        Text(frames, "TPE1", metadata.Artist);
        Text(frames, "TALB", metadata.Album);
        Text(frames, "TPE2", metadata.AlbumArtist);
        var track = metadata.TrackNumber is { } n
            ? (metadata.TrackTotal is { } t ? string.Create(CultureInfo.InvariantCulture, $"{n}/{t}") : n.ToString(CultureInfo.InvariantCulture))
            : null;
        Text(frames, "TRCK", track);
        Text(frames, "TDRC", metadata.Year?.ToString(CultureInfo.InvariantCulture));
        Text(frames, "TSRC", metadata.Isrc);
        if (!string.IsNullOrEmpty(metadata.Upc))
        {
            Frame(frames, "TXXX", [Utf8, .. "BARCODE\0"u8, .. Encoding.UTF8.GetBytes(metadata.Upc)]);
        }

        if (frames.Length == 0)
        {
            return null;
        }

        var tag = new MemoryStream();
        tag.Write("ID3"u8);
        tag.Write([4, 0, 0]);
        tag.Write(SyncSafe((int)frames.Length));
        frames.WriteTo(tag);
        return new WavChunk("id3 ", tag.ToArray());
    }

    private static void Text(MemoryStream frames, string id, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Frame(frames, id, [Utf8, .. Encoding.UTF8.GetBytes(value)]);
        }
    }

    private static void Frame(MemoryStream frames, string id, byte[] content)
    {
        frames.Write(Encoding.ASCII.GetBytes(id));
        frames.Write(SyncSafe(content.Length));
        frames.Write([0, 0]);
        frames.Write(content);
    }

    // ID3v2.4 sizes: 7 bits per byte, most significant first.
    private static byte[] SyncSafe(int size)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, ((size & 0x0FE00000) << 3) | ((size & 0x001FC000) << 2) | ((size & 0x00003F80) << 1) | (size & 0x7F));
        return bytes;
    }
}
