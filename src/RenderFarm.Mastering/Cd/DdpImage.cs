using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RenderFarm.Mastering.Cd;

/// <summary>
/// A DDP 2.00 fileset of an audio CD, as replication plants take a master: <c>DDPID</c> (level, UPC/EAN,
/// type CD), <c>DDPMS</c> (one 128-byte map packet per stream: CD-Text, PQ descriptor, audio image), the PQ
/// descriptor <c>PQDESCR</c> (64-byte entries: the lead-in, the only one with the UPC/EAN; index 0 and 1 of
/// every track, its ISRC on the first of them; lead-out twice; times absolute from the image's first
/// sector), <c>CDTEXT.BIN</c> (lead-in packs, see <see cref="CdText"/>), <c>IMAGE.DAT</c> (44.1 kHz 16-bit
/// little-endian stereo in 2352-byte sectors, track 1's pre-gap included) and <c>CHECKSUM.MD5</c> (md5sum
/// format, <c>md5sum -c</c> checks it).
/// Number fields are zero-filled and text fields space-padded, as Sonoris and HOFA write them; the reader
/// takes either, and finds the streams by their map packets, not by their file names.
/// </summary>
public static class DdpImage
{
    public const string IdName = "DDPID";
    public const string MapName = "DDPMS";
    public const string PqName = "PQDESCR";
    public const string CdTextName = "CDTEXT.BIN";
    public const string ImageName = "IMAGE.DAT";
    public const string ChecksumName = "CHECKSUM.MD5";
    public const int SectorBytes = CdTime.SamplesPerFrame * 4;

    private const int MapPacket = 128;
    private const int PqPacket = 64;

    /// <summary>
    /// Writes the fileset's description of <paramref name="disc"/> beside the <c>IMAGE.DAT</c> already in
    /// <paramref name="folder"/> (its length must be the disc's), then the checksums of every file.
    /// </summary>
    public static void Write(string folder, CdDisc disc, string? masterId = null)
    {
        ArgumentNullException.ThrowIfNull(disc);
        RedBook.Require(disc);
        var image = new FileInfo(Path.Combine(folder, ImageName));
        if (!image.Exists || image.Length != disc.TotalFrames * SectorBytes)
        {
            throw new InvalidOperationException($"{image.FullName}: the image must hold the disc's {disc.TotalFrames} sectors ({disc.TotalFrames * SectorBytes} bytes); it has {(image.Exists ? image.Length : 0)}");
        }

        var upc = disc.Upc is { Length: 12 } u ? "0" + u : disc.Upc;
        var files = new List<string>();
        var map = new StringBuilder();
        var cdText = CdText.Encode(disc);
        if (cdText.Length > 0)
        {
            File.WriteAllBytes(Path.Combine(folder, CdTextName), cdText);
            map.Append(MapEntry("S0", cdText.Length, sub: "CDTEXT", track: "00", name: CdTextName));
            files.Add(CdTextName);
        }

        var pq = new StringBuilder();
        pq.Append(PqEntry("00", "00", 0, null, upc));
        for (var i = 0; i < disc.Tracks.Count; i++)
        {
            var track = disc.Tracks[i];
            var number = (i + 1).ToString("00", CultureInfo.InvariantCulture);
            // The ISRC goes on the track's first entry only, as the PQ descriptor's definition has it.
            if (track.PregapFrames > 0)
            {
                pq.Append(PqEntry(number, "00", disc.PregapStart(i), track.Isrc, null));
            }

            pq.Append(PqEntry(number, "01", disc.TrackStart(i), track.PregapFrames > 0 ? null : track.Isrc, null));
        }

        pq.Append(PqEntry("AA", "01", disc.TotalFrames, null, null));
        pq.Append(PqEntry("AA", "01", disc.TotalFrames, null, null));
        File.WriteAllText(Path.Combine(folder, PqName), pq.ToString(), Encoding.ASCII);
        map.Append(MapEntry("S0", pq.Length, sub: "PQ DESCR", name: PqName));
        files.Add(PqName);
        map.Append(MapEntry("D0", disc.TotalFrames, start: "00000000", mode: "DA70", pregap: disc.TrackStart(0) <= 9999 ? Number(disc.TrackStart(0), 4) : null, name: ImageName));
        files.Add(ImageName);
        File.WriteAllText(Path.Combine(folder, MapName), map.ToString(), Encoding.ASCII);

        var id = "DDP 2.00" + Text(upc, 13) + new string(' ', 17) + Text(Ascii(masterId), 48) + " " + "CD" + new string(' ', 39);
        File.WriteAllText(Path.Combine(folder, IdName), id, Encoding.ASCII);
        files.InsertRange(0, [IdName, MapName]);

        var sums = new StringBuilder();
        foreach (var file in files)
        {
            sums.Append(CultureInfo.InvariantCulture, $"{Md5(Path.Combine(folder, file))} *{file}\n");
        }

        File.WriteAllText(Path.Combine(folder, ChecksumName), sums.ToString(), Encoding.ASCII);
    }

    /// <summary>
    /// Reads a fileset back: the disc (tracks, pre-gaps, ISRCs, UPC/EAN, CD-Text) from its PQ descriptor and
    /// CD-Text, the image's path and length. What it cannot read throws <see cref="FormatException"/> naming the
    /// file and the field.
    /// </summary>
    public static DdpFileset Read(string folder)
    {
        var id = ReadAscii(folder, IdName);
        if (id.Length != MapPacket || !id.StartsWith("DDP 2.", StringComparison.Ordinal))
        {
            throw new FormatException($"{IdName}: not a DDP 2 identifier (128 bytes starting 'DDP 2.')");
        }

        if (id.Substring(87, 2) != "CD")
        {
            throw new FormatException($"{IdName}: type '{id.Substring(87, 2)}' is not CD");
        }

        var map = ReadAscii(folder, MapName);
        if (map.Length == 0 || map.Length % MapPacket != 0)
        {
            throw new FormatException($"{MapName}: {map.Length} bytes are not whole 128-byte map packets");
        }

        string? pqName = null, textName = null, imageName = null;
        long imageSectors = 0, imageStart = 0;
        for (var p = 0; p < map.Length / MapPacket; p++)
        {
            var packet = map.Substring(p * MapPacket, MapPacket);
            if (!packet.StartsWith("VVVM", StringComparison.Ordinal))
            {
                throw new FormatException($"{MapName}: packet {p} does not start VVVM");
            }

            var (type, sub, name) = (packet.Substring(4, 2), packet.Substring(30, 8).Trim(), packet.Substring(74, 17).Trim());
            switch (type)
            {
                case "S0" when sub == "PQ DESCR":
                    pqName = pqName is null ? name : throw new FormatException($"{MapName}: packet {p} is a second PQ descriptor");
                    break;
                case "S0" when sub == "CDTEXT":
                    textName = name;
                    break;
                case "D0" when packet.Substring(38, 2) == "DA":
                    imageName = imageName is null ? name : throw new FormatException($"{MapName}: packet {p} is a second audio image");
                    imageSectors = Field(packet, 14, 8, MapName, p, "DSL");
                    imageStart = packet.Substring(22, 8).Trim().Length == 0 ? 0 : Field(packet, 22, 8, MapName, p, "DSS");
                    break;
            }
        }

        if (pqName is null || imageName is null)
        {
            throw new FormatException($"{MapName}: an audio CD needs a PQ descriptor (S0 'PQ DESCR') and an audio image (D0 'DA'); {(pqName is null ? "the PQ descriptor" : "the image")} is missing");
        }

        var imagePath = Inside(folder, imageName, MapName);
        var imageLength = new FileInfo(imagePath).Length;
        if (imageLength != imageSectors * SectorBytes)
        {
            throw new FormatException($"{imageName}: {imageLength} bytes, but {MapName} says {imageSectors} sectors ({imageSectors * SectorBytes} bytes)");
        }

        var pq = ReadAscii(folder, pqName);
        if (pq.Length == 0 || pq.Length % PqPacket != 0)
        {
            throw new FormatException($"{pqName}: {pq.Length} bytes are not whole 64-byte entries");
        }

        string? upc = Blank(id.Substring(8, 13));
        var entries = new List<(int Track, int Index, long Sector, string? Isrc)>();
        long? leadOut = null;
        for (var e = 0; e < pq.Length / PqPacket; e++)
        {
            var entry = pq.Substring(e * PqPacket, PqPacket);
            if (!entry.StartsWith("VVVS", StringComparison.Ordinal))
            {
                throw new FormatException($"{pqName}: entry {e} does not start VVVS");
            }

            var sector = (((Field(entry, 10, 2, pqName, e, "MIN") * 60) + Field(entry, 12, 2, pqName, e, "SEC")) * CdTime.FramesPerSecond) + Field(entry, 14, 2, pqName, e, "FRM") - imageStart;
            upc ??= Blank(entry.Substring(32, 13));
            var track = entry.Substring(4, 2);
            if (track == "AA")
            {
                leadOut = sector;
                continue;
            }

            var number = (int)Field(entry, 4, 2, pqName, e, "TRK");
            if (number > 0)
            {
                entries.Add((number, (int)Field(entry, 6, 2, pqName, e, "IDX"), sector, Blank(entry.Substring(20, 12))));
            }
        }

        var count = entries.Count == 0 ? 0 : entries.Max(x => x.Track);
        var starts = new long[count];
        var pregaps = new long?[count];
        var isrcs = new string?[count];
        for (var t = 1; t <= count; t++)
        {
            var index1 = entries.Where(x => x.Track == t && x.Index == 1).Select(x => (long?)x.Sector).FirstOrDefault()
                ?? throw new FormatException($"{pqName}: track {t:00} has no index 01");
            starts[t - 1] = index1;
            pregaps[t - 1] = entries.Where(x => x.Track == t && x.Index == 0).Select(x => (long?)x.Sector).FirstOrDefault()
                ?? (t == 1 ? 0 : null); // track 1's pre-gap runs from the programme's start, its index 00 entry or not
            isrcs[t - 1] = entries.Where(x => x.Track == t).Select(x => x.Isrc).FirstOrDefault(i => i is not null);
        }

        var end = leadOut ?? throw new FormatException($"{pqName}: no lead-out (AA) entry");
        var (titles, performers) = textName is null ? (new string?[count + 1], new string?[count + 1]) : CdText.Decode(File.ReadAllBytes(Inside(folder, textName, MapName)), count);
        var tracks = new List<CdTrack>();
        for (var t = 0; t < count; t++)
        {
            var next = t + 1 < count ? pregaps[t + 1] ?? starts[t + 1] : end;
            tracks.Add(new CdTrack
            {
                Frames = next - starts[t],
                PregapFrames = starts[t] - (pregaps[t] ?? starts[t]),
                Isrc = isrcs[t],
                Title = titles[t + 1],
                Performer = performers[t + 1],
            });
        }

        return new DdpFileset(new CdDisc { Upc = upc, Title = titles[0], Performer = performers[0], Tracks = tracks }, imagePath, imageSectors, Blank(id.Substring(38, 48)));
    }

    /// <summary>The files whose MD5 differs from <c>CHECKSUM.MD5</c> (or that are missing); empty when every one matches.</summary>
    public static IReadOnlyList<string> Verify(string folder)
    {
        var wrong = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(folder, ChecksumName)))
        {
            var parts = line.TrimEnd('\r').Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            var name = parts[1].TrimStart('*');
            var path = Path.Combine(folder, name);
            if (!File.Exists(path) || !string.Equals(Md5(path), parts[0], StringComparison.OrdinalIgnoreCase))
            {
                wrong.Add(name);
            }
        }

        return wrong;
    }

    private static string MapEntry(string type, long length, string? sub = null, string? track = null, string? start = null, string? mode = null, string? pregap = null, string name = "")
    {
        var packet = new StringBuilder("VVVM");
        packet.Append(type);
        packet.Append(new string(' ', 8));                  // DSP
        packet.Append(Number(length, 8));                   // DSL: sectors for the image, bytes otherwise
        packet.Append(Text(start, 8));                      // DSS
        packet.Append(Text(sub, 8));                        // SUB
        packet.Append(Text(mode, 4));                       // CDM, SSM, SCR
        packet.Append(new string(' ', 4));                  // PRE1
        packet.Append(Text(pregap, 4));                     // PRE2: track 1's index 1
        packet.Append(new string(' ', 5));                  // PST, MED
        packet.Append(Text(track, 2));                      // TRK
        packet.Append(new string(' ', 2 + 12));             // IDX, ISRC
        packet.Append("017");                               // SIZ
        packet.Append(Text(name, 17));                      // DSI
        packet.Append(new string(' ', MapPacket - packet.Length));
        return packet.ToString();
    }

    private static string PqEntry(string track, string index, long sector, string? isrc, string? upc)
    {
        var time = CdTime.Format(sector).Replace(":", string.Empty, StringComparison.Ordinal);
        var entry = $"VVVS{track}{index}  {time}01  {Text(isrc, 12)}{Text(upc, 13)}{new string(' ', 19)}";
        return entry.Length == PqPacket ? entry : throw new InvalidOperationException($"a PQ entry of {entry.Length} bytes");
    }

    private static long Field(string record, int offset, int length, string file, int packet, string field)
    {
        var text = record.Substring(offset, length).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{file}: entry {packet}, field {field}: '{text}' is not a number");
    }

    private static string ReadAscii(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            throw new FormatException($"{name}: missing from {folder}");
        }

        var bytes = File.ReadAllBytes(path);
        return new string(bytes.Select(b => b is 0 ? ' ' : (char)b).ToArray());
    }

    private static string Inside(string folder, string name, string source)
    {
        if (name.Length == 0 || name != Path.GetFileName(name))
        {
            throw new FormatException($"{source}: the stream name '{name}' is not a file in the fileset's folder");
        }

        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FormatException($"{name}: named in {source} but missing from {folder}");
    }

    private static string Number(long value, int width) => value.ToString(new string('0', width), CultureInfo.InvariantCulture);

    private static string Text(string? value, int width) => (value ?? string.Empty).Length > width ? value![..width] : (value ?? string.Empty).PadRight(width);

    private static string? Blank(string value) => value.Trim() is { Length: > 0 } v ? v : null;

    private static string? Ascii(string? value) => value is null ? null : new string(value.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    // MD5 is what plants and md5sum -c check a fileset with: a transfer check, not a security measure.
#pragma warning disable CA5351
    private static string Md5(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
#pragma warning restore CA5351
}
