using System.Buffers.Binary;
using System.Text;
using RenderFarm.Audio;

namespace RenderFarm.Mastering.Metadata;

/// <summary>
/// Adds iTunes freeform tags ('----' atoms, mean com.apple.iTunes) such as ISRC and BARCODE to an MP4 file
/// written by ffmpeg, which has no way to write them. The movie header follows the audio in such files, so
/// growing it moves no sample offsets.
/// </summary>
internal static class Mp4Tags
{
    private const int MaxMoovBytes = 64 << 20;

    public static void AddFreeform(string path, IReadOnlyList<(string Name, string? Value)> tags)
    {
        var atoms = tags.Where(t => !string.IsNullOrEmpty(t.Value)).Select(t => Freeform(t.Name, t.Value!)).ToArray();
        if (atoms.Length == 0)
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var (moovStart, moovSize) = FindTopLevel(file, "moov", path);
        if (moovStart + moovSize != file.Length)
        {
            throw new AudioFileException(path, "moov atom", "is not at the end of the file: cannot add tags without moving the audio");
        }

        if (moovSize > MaxMoovBytes)
        {
            throw new AudioFileException(path, "moov atom", $"is {moovSize} bytes: more than {MaxMoovBytes} accepted");
        }

        var moov = new byte[moovSize];
        file.Position = moovStart;
        file.ReadExactly(moov);

        // moov > udta > meta (a full box: 4 bytes of version and flags) > ilst
        var udta = Child(moov, 0, "udta", 8, path);
        var meta = Child(moov, udta, "meta", 8, path);
        var ilst = Child(moov, meta, "ilst", 12, path);
        var insertAt = ilst + Size(moov, ilst);
        var added = atoms.Sum(a => a.Length);
        var grown = new byte[moov.Length + added];
        moov.AsSpan(0, insertAt).CopyTo(grown);
        var at = insertAt;
        foreach (var atom in atoms)
        {
            atom.CopyTo(grown, at);
            at += atom.Length;
        }

        moov.AsSpan(insertAt).CopyTo(grown.AsSpan(at));
        foreach (var offset in new[] { 0, udta, meta, ilst })
        {
            BinaryPrimitives.WriteUInt32BigEndian(grown.AsSpan(offset), (uint)(Size(moov, offset) + added));
        }

        file.Position = moovStart;
        file.Write(grown);
        file.Flush(flushToDisk: true);
    }

    private static byte[] Freeform(string name, string value)
    {
        static byte[] Box(string type, params byte[][] parts)
        {
            var length = 8 + parts.Sum(p => p.Length);
            var box = new byte[length];
            BinaryPrimitives.WriteUInt32BigEndian(box, (uint)length);
            Encoding.ASCII.GetBytes(type, box.AsSpan(4));
            var at = 8;
            foreach (var p in parts)
            {
                p.CopyTo(box, at);
                at += p.Length;
            }

            return box;
        }

        var zero = new byte[4];
        var utf8 = new byte[] { 0, 0, 0, 1 };
        return Box("----",
            Box("mean", zero, Encoding.ASCII.GetBytes("com.apple.iTunes")),
            Box("name", zero, Encoding.ASCII.GetBytes(name)),
            Box("data", utf8, zero, Encoding.UTF8.GetBytes(value)));
    }

    private static (long Start, long Size) FindTopLevel(FileStream file, string type, string path)
    {
        Span<byte> header = stackalloc byte[8];
        long position = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (size < 8)
            {
                throw new AudioFileException(path, "mp4 atoms", $"atom at byte {position} has size {size}: 64-bit or open-ended atoms are not handled");
            }

            if (Encoding.ASCII.GetString(header[4..]) == type)
            {
                return (position, size);
            }

            position += size;
        }

        throw new AudioFileException(path, "mp4 atoms", $"no '{type}' atom");
    }

    private static int Child(byte[] buffer, int parent, string type, int headerSize, string path)
    {
        var end = parent + Size(buffer, parent);
        for (var at = parent + headerSize; at + 8 <= end;)
        {
            var size = Size(buffer, at);
            if (size < 8)
            {
                break;
            }

            if (Encoding.ASCII.GetString(buffer, at + 4, 4) == type)
            {
                return at;
            }

            at += size;
        }

        throw new AudioFileException(path, "mp4 atoms", $"no '{type}' atom where tags belong");
    }

    private static int Size(byte[] buffer, int offset) => (int)BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset));
}
