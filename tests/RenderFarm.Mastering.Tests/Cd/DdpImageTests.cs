using System.Text;
using RenderFarm.Mastering.Cd;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Cd;

/// <summary>
/// The DDP 2.00 fileset: written and read back to the same disc (track list, pre-gaps, ISRCs, UPC/EAN,
/// CD-Text in Latin-1); its fixed-width records where DDP readers look for them; CD-Text packs laid out
/// as cue2ddp writes them, with the CRC-16 of the lead-in; checksums that md5sum accepts and that catch a
/// changed byte; a damaged fileset refused with the file and field named.
/// </summary>
public sealed class DdpImageTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("ddp");

    private static CdDisc Disc() => new()
    {
        Upc = "5012345678900",
        Title = "Blupi's Album",
        Performer = "Planet Blupi Orchestra",
        Tracks =
        [
            new CdTrack { PregapFrames = CdTime.FromSeconds(12), Frames = CdTime.FromSeconds(30.2), Isrc = "GBRFD2600001", Title = "Overture" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(2), Frames = CdTime.FromSeconds(20.4), Isrc = "GBRFD2600002", Title = "The \"Single\"" },
            new CdTrack { PregapFrames = 0, Frames = CdTime.FromSeconds(8), Title = "Segue", Performer = "Blupi & Friends" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(1.5), Frames = RedBook.MinTrackFrames, Isrc = "GBRFD2600004", Title = "Café Noir" },
        ],
    };

    [Fact]
    public void Fileset_ReadsBackToTheSameDisc_WithRecordsWhereReadersLook()
    {
        var disc = Disc();
        WriteImage(disc);
        DdpImage.Write(_folder, disc, "BLUPI-001");

        var back = DdpImage.Read(_folder);
        Assert.Equal(disc.Tracks, back.Disc.Tracks);
        Assert.Equal((disc.Upc, disc.Title, disc.Performer), (back.Disc.Upc, back.Disc.Title, back.Disc.Performer));
        Assert.Equal(disc.TotalFrames, back.Sectors);
        Assert.Equal("BLUPI-001", back.MasterId);

        var id = File.ReadAllText(Path.Combine(_folder, DdpImage.IdName), Encoding.ASCII);
        Assert.Equal(128, id.Length);
        Assert.Equal("DDP 2.00", id[..8]);
        Assert.Equal(disc.Upc, id.Substring(8, 13));
        Assert.Equal("CD", id.Substring(87, 2));

        var map = File.ReadAllText(Path.Combine(_folder, DdpImage.MapName), Encoding.ASCII);
        Assert.Equal(3 * 128, map.Length);
        var packets = Enumerable.Range(0, 3).Select(p => map.Substring(p * 128, 128)).ToArray();
        Assert.All(packets, p => Assert.Equal("VVVM", p[..4]));
        Assert.Equal(("S0", "CDTEXT", "CDTEXT.BIN"), (packets[0].Substring(4, 2), packets[0].Substring(30, 8).Trim(), packets[0].Substring(74, 17).Trim()));
        Assert.Equal(("S0", "PQ DESCR", "PQDESCR"), (packets[1].Substring(4, 2), packets[1].Substring(30, 8).Trim(), packets[1].Substring(74, 17).Trim()));
        Assert.Equal(("D0", "DA70", "IMAGE.DAT"), (packets[2].Substring(4, 2), packets[2].Substring(38, 4), packets[2].Substring(74, 17).Trim()));
        Assert.Equal(disc.TotalFrames, long.Parse(packets[2].AsSpan(14, 8), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(disc.TrackStart(0), long.Parse(packets[2].AsSpan(46, 4), System.Globalization.CultureInfo.InvariantCulture));

        // PQ: the lead-in, the only entry with the UPC; index 0 and 1 of each track (none 0 for the segue), the
        // ISRC on the track's first entry only; lead-out twice; absolute times.
        var pq = File.ReadAllText(Path.Combine(_folder, DdpImage.PqName), Encoding.ASCII);
        var entries = Enumerable.Range(0, pq.Length / 64).Select(e => pq.Substring(e * 64, 64)).ToArray();
        Assert.Equal(["0000", "0100", "0101", "0200", "0201", "0301", "0400", "0401", "AA01", "AA01"], entries.Select(e => e.Substring(4, 4)).ToArray());
        Assert.Equal("VVVS0100  " + CdTime.Format(disc.PregapStart(0)).Replace(":", string.Empty, StringComparison.Ordinal) + "01  GBRFD2600001" + new string(' ', 13), entries[1][..45]);
        Assert.Equal("VVVS0101  " + CdTime.Format(disc.TrackStart(0)).Replace(":", string.Empty, StringComparison.Ordinal) + "01  " + new string(' ', 12 + 13), entries[2][..45]);
        Assert.Equal(CdTime.Format(disc.TotalFrames).Replace(":", string.Empty, StringComparison.Ordinal), entries[^1].Substring(10, 6));
        Assert.Equal(disc.Upc, entries[0].Substring(32, 13));
        Assert.All(entries[1..], e => Assert.Equal(new string(' ', 13), e.Substring(32, 13)));
        Assert.Equal(["GBRFD2600001", "", "GBRFD2600002", "", "", "GBRFD2600004", "", "", ""], entries[1..].Select(e => e.Substring(20, 12).Trim()).ToArray());

        // Checksums: md5sum -c accepts them; one changed byte of the image is caught.
        Assert.Empty(DdpImage.Verify(_folder));
        Tools.Run("sh", "-c", $"cd '{_folder}' && md5sum -c --quiet {DdpImage.ChecksumName}");
        using (var image = new FileStream(Path.Combine(_folder, DdpImage.ImageName), FileMode.Open))
        {
            image.Position = 1234;
            image.WriteByte(0x5A);
        }

        Assert.Equal([DdpImage.ImageName], DdpImage.Verify(_folder));
    }

    [Fact]
    public void FilesetWithoutTrackOnesIndex0Entry_StillGivesTrackOneItsPregap()
    {
        // Some writers leave track 1's index 00 out of the PQ descriptor: its pre-gap runs from the programme's start all the same.
        var disc = Disc();
        WriteImage(disc);
        DdpImage.Write(_folder, disc);
        var pqPath = Path.Combine(_folder, DdpImage.PqName);
        var pq = File.ReadAllText(pqPath, Encoding.ASCII);
        Assert.Equal("0100", pq.Substring(64 + 4, 4));
        File.WriteAllText(pqPath, pq.Remove(64, 64), Encoding.ASCII);
        var back = DdpImage.Read(_folder);
        Assert.Equal(disc.Tracks[0] with { Isrc = null }, back.Disc.Tracks[0]);
        Assert.Equal(disc.Tracks.Skip(1), back.Disc.Tracks.Skip(1));
    }

    [Fact]
    public void CdTextPacks_AreLaidOutAsCue2ddpWritesThem_WithTheLeadInCrc()
    {
        // CRC-16/CCITT (XMODEM) of "123456789" is 0x31C3; the lead-in stores it inverted.
        Assert.Equal(0xCE3C, CdText.Crc("123456789"u8));

        var disc = new CdDisc
        {
            Title = "Disc",
            Performer = "Artist",
            Tracks =
            [
                new CdTrack { PregapFrames = 150, Frames = 300, Title = "Track One", Performer = "Artist" },
                new CdTrack { Frames = 300, Title = "Track Two", Performer = "Artist" },
                new CdTrack { Frames = 300, Title = "Track Three", Performer = "Artist" },
            ],
        };
        var packs = CdText.Encode(disc);
        Assert.Equal(10 * CdText.PackBytes, packs.Length);
        string[] expected =
        [
            "80 00 00 00 |Disc\0Track O",
            "80 01 01 07 |ne\0Track Two",
            "80 02 02 09 |\0Track Three",
            "80 03 03 0B |\0\0\0\0\0\0\0\0\0\0\0\0",
            "81 00 04 00 |Artist\0Artis",
            "81 01 05 05 |t\0Artist\0Art",
            "81 03 06 03 |ist\0\0\0\0\0\0\0\0\0",
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            var pack = packs.AsSpan(i * CdText.PackBytes, CdText.PackBytes);
            Assert.Equal(expected[i], $"{Convert.ToHexString(pack[..4]).Insert(6, " ").Insert(4, " ").Insert(2, " ")} |{Encoding.Latin1.GetString(pack.Slice(4, 12))}");
        }

        // Size information: ISO-8859-1, tracks 1 to 3, 4 title packs, 3 performer packs, 3 of its own, last sequence 9, English.
        var size = new byte[36];
        for (var part = 0; part < 3; part++)
        {
            var pack = packs.AsSpan((7 + part) * CdText.PackBytes, CdText.PackBytes);
            Assert.Equal(new byte[] { 0x8F, (byte)part, (byte)(7 + part), 0 }, pack[..4].ToArray());
            pack.Slice(4, 12).CopyTo(size.AsSpan(part * 12));
        }

        Assert.Equal(new byte[] { 0, 1, 3, 0, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 9, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0 }, size);
        for (var i = 0; i < 10; i++)
        {
            var pack = packs.AsSpan(i * CdText.PackBytes, CdText.PackBytes);
            Assert.Equal(CdText.Crc(pack[..16]), (ushort)((pack[16] << 8) | pack[17]));
        }

        var (titles, performers) = CdText.Decode(packs, 3);
        Assert.Equal(["Disc", "Track One", "Track Two", "Track Three"], titles);
        Assert.Equal(["Artist", "Artist", "Artist", "Artist"], performers);

        packs[5 * CdText.PackBytes + 7] ^= 1;
        var e = Assert.Throws<FormatException>(() => CdText.Decode(packs, 3));
        Assert.Contains("pack 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedFileset_IsRefused_NamingTheFileAndField()
    {
        var disc = Disc();
        WriteImage(disc);
        DdpImage.Write(_folder, disc);

        var pq = Path.Combine(_folder, DdpImage.PqName);
        var text = File.ReadAllText(pq, Encoding.ASCII);
        File.WriteAllText(pq, text[..(64 + 10)] + "x1" + text[(64 + 12)..], Encoding.ASCII);
        var e = Assert.Throws<FormatException>(() => DdpImage.Read(_folder));
        Assert.Contains("PQDESCR: entry 1, field MIN", e.Message, StringComparison.Ordinal);

        File.WriteAllText(pq, text, Encoding.ASCII);
        using (var image = new FileStream(Path.Combine(_folder, DdpImage.ImageName), FileMode.Open))
        {
            image.SetLength(image.Length - 1);
        }

        e = Assert.Throws<FormatException>(() => DdpImage.Read(_folder));
        Assert.Contains("IMAGE.DAT", e.Message, StringComparison.Ordinal);
        Assert.Contains("sectors", e.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(_folder, DdpImage.MapName));
        e = Assert.Throws<FormatException>(() => DdpImage.Read(_folder));
        Assert.StartsWith("DDPMS", e.Message, StringComparison.Ordinal);

        // A disc that breaks the Red Book is not written at all.
        var shortTrack = disc with { Tracks = [.. disc.Tracks.Take(3), disc.Tracks[3] with { Frames = RedBook.MinTrackFrames - 1 }] };
        Assert.Throws<RedBookException>(() => DdpImage.Write(_folder, shortTrack));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void WriteImage(CdDisc disc)
    {
        using var image = new FileStream(Path.Combine(_folder, DdpImage.ImageName), FileMode.Create);
        image.SetLength(disc.TotalFrames * DdpImage.SectorBytes);
    }
}
