using System.Buffers.Binary;

namespace RenderFarm.Mastering.Cd;

/// <summary>
/// CD-Text as it is written in a disc's lead-in (and a DDP image's CD-Text stream): 18-byte packs of one
/// block in ISO-8859-1, English. Titles (0x80) and performers (0x81) of the disc then each track, each string
/// NUL-terminated and running on across packs, a TAB for "same as the previous track"; three size-information
/// packs (0x8F) close the block; each pack ends with its CRC-16 (CCITT, inverted, big-endian).
/// </summary>
public static class CdText
{
    public const int PackBytes = 18;

    private const byte Title = 0x80;
    private const byte Performer = 0x81;
    private const byte SizeInfo = 0x8F;
    private const int Payload = 12;
    private const byte English = 0x09;

    /// <summary>The most packs one block holds (the size-information packs included).</summary>
    public const int MaxPacks = 256;

    /// <summary>How many packs <paramref name="disc"/>'s CD-Text takes, the size-information packs included; 0 when it has none.</summary>
    public static int PackCount(CdDisc disc)
    {
        ArgumentNullException.ThrowIfNull(disc);
        var packs = TextPacks(disc, new byte[16]).Count;
        return packs == 0 ? 0 : packs + 3;
    }

    /// <summary>The packs of <paramref name="disc"/>'s CD-Text; empty when it has none.</summary>
    public static byte[] Encode(CdDisc disc)
    {
        ArgumentNullException.ThrowIfNull(disc);
        var counts = new byte[16];
        var packs = TextPacks(disc, counts);
        if (packs.Count == 0)
        {
            return [];
        }

        counts[SizeInfo - 0x80] = 3;
        var total = packs.Count + 3;
        if (total > MaxPacks)
        {
            throw new ArgumentException($"the CD-Text needs {total} packs: a block holds at most {MaxPacks}", nameof(disc));
        }

        var size = new byte[36];
        size[0] = 0x00;
        size[1] = 1;
        size[2] = (byte)disc.Tracks.Count;
        counts.CopyTo(size, 4);
        size[20] = (byte)(total - 1);
        size[28] = English;
        for (var part = 0; part < 3; part++)
        {
            var pack = new byte[PackBytes];
            pack[0] = SizeInfo;
            pack[1] = (byte)part;
            Array.Copy(size, part * Payload, pack, 4, Payload);
            packs.Add(pack);
        }

        var result = new byte[packs.Count * PackBytes];
        for (var i = 0; i < packs.Count; i++)
        {
            packs[i][2] = (byte)i;
            BinaryPrimitives.WriteUInt16BigEndian(packs[i].AsSpan(16), Crc(packs[i].AsSpan(0, 16)));
            packs[i].CopyTo(result, i * PackBytes);
        }

        return result;
    }

    // The title and performer packs (without sequence numbers or CRCs), counting each type's packs in counts.
    private static List<byte[]> TextPacks(CdDisc disc, byte[] counts)
    {
        var packs = new List<byte[]>();
        foreach (var (type, disc1, tracks) in new[] { (Title, disc.Title, disc.Tracks.Select(t => t.Title)), (Performer, disc.Performer, disc.Tracks.Select(t => t.Performer)) })
        {
            var strings = new[] { disc1 }.Concat(tracks).ToArray();
            if (strings.All(string.IsNullOrEmpty))
            {
                continue;
            }

            // The text of every string in order with its terminator, each byte knowing its track and its place in its string.
            var bytes = new List<(byte Value, int Track, int Offset)>();
            for (var t = 0; t < strings.Length; t++)
            {
                var encoded = CueSheet.Latin1.GetBytes(strings[t] ?? string.Empty);
                for (var k = 0; k < encoded.Length; k++)
                {
                    bytes.Add((encoded[k], t, k));
                }

                bytes.Add((0, t, encoded.Length));
            }

            for (var at = 0; at < bytes.Count; at += Payload)
            {
                var pack = new byte[PackBytes];
                pack[0] = type;
                pack[1] = (byte)bytes[at].Track;
                pack[3] = (byte)Math.Min(15, bytes[at].Offset);
                for (var k = 0; k < Payload && at + k < bytes.Count; k++)
                {
                    pack[4 + k] = bytes[at + k].Value;
                }

                packs.Add(pack);
                counts[type - 0x80]++;
            }
        }

        return packs;
    }

    /// <summary>
    /// Reads the titles and performers of the disc (track 0) and its tracks back from packs; a pack whose CRC
    /// is wrong throws <see cref="FormatException"/> with its number. A trailing byte or a 4-byte header is skipped.
    /// </summary>
    public static (IReadOnlyList<string?> Titles, IReadOnlyList<string?> Performers) Decode(ReadOnlySpan<byte> data, int tracks)
    {
        if (data.Length % PackBytes == 4)
        {
            data = data[4..];
        }
        else if (data.Length % PackBytes == 1)
        {
            data = data[..^1];
        }

        if (data.Length % PackBytes != 0)
        {
            throw new FormatException($"{data.Length} bytes of CD-Text are not whole {PackBytes}-byte packs");
        }

        var text = new Dictionary<byte, List<byte>>();
        for (var i = 0; i < data.Length / PackBytes; i++)
        {
            var pack = data.Slice(i * PackBytes, PackBytes);
            if (BinaryPrimitives.ReadUInt16BigEndian(pack[16..]) != Crc(pack[..16]))
            {
                throw new FormatException($"CD-Text pack {i} (type 0x{pack[0]:X2}): its CRC is wrong");
            }

            if ((pack[3] & 0x70) != 0 || (pack[3] & 0x80) != 0)
            {
                continue;
            }

            if (pack[0] is Title or Performer)
            {
                if (!text.TryGetValue(pack[0], out var bytes))
                {
                    text[pack[0]] = bytes = [];
                }

                bytes.AddRange(pack.Slice(4, Payload).ToArray());
            }
        }

        return (Strings(text.GetValueOrDefault(Title), tracks), Strings(text.GetValueOrDefault(Performer), tracks));
    }

    /// <summary>CRC-16/CCITT over <paramref name="data"/> (initial 0, polynomial 0x1021), inverted, as the lead-in packs carry it.</summary>
    public static ushort Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return (ushort)(~crc & 0xFFFF);
    }

    // The disc's string then one per track; a lone TAB repeats the previous track's.
    private static string?[] Strings(List<byte>? bytes, int tracks)
    {
        var result = new string?[tracks + 1];
        if (bytes is null)
        {
            return result;
        }

        var start = 0;
        for (var t = 0; t <= tracks; t++)
        {
            var end = bytes.IndexOf(0, start);
            if (end < 0)
            {
                break;
            }

            var value = CueSheet.Latin1.GetString([.. bytes.GetRange(start, end - start)]);
            result[t] = value == "\t" && t > 1 ? result[t - 1] : value.Length == 0 ? null : value;
            start = end + 1;
        }

        return result;
    }
}
