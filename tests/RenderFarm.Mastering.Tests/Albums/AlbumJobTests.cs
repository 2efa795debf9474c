using System.Globalization;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Cd;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// An album of real recordings in album and track mode (see <see cref="AlbumFixture"/>). Loudness is
/// checked with libebur128 on the delivered files: in album mode the album (its tracks as one programme)
/// on the target within 0.1 LU and every pair of songs as far apart as they were mixed within 0.1 LU; in
/// track mode every song on the target. The disc's CUE sheet (also read by cuetools) and DDP image read
/// back to the album's track list, ISRCs and CD-Text, and its image holds the songs where the layout says.
/// </summary>
public sealed class AlbumJobTests(AlbumFixture album, ITestOutputHelper output) : IClassFixture<AlbumFixture>
{
    private static readonly CultureInfo F = CultureInfo.InvariantCulture;

    [Fact]
    public void AlbumMode_KeepsTheSongsRelativeLoudness_AndTheAlbumLandsOnTheTarget_ByLibebur128()
    {
        var report = album.AlbumMode;
        var wavs = AlbumFixture.Wavs(report);
        Assert.Equal(4, wavs.Length);
        var mixes = album.Album.Tracks.Select(s => ReferenceMeter.MeasureFile(s.Path).IntegratedLufs).ToArray();
        var masters = wavs.Select(w => ReferenceMeter.MeasureFile(w).IntegratedLufs).ToArray();
        var whole = ReferenceMeter.IntegratedOfFiles(wavs);
        output.WriteLine(string.Create(F, $"album {whole:0.000} LUFS by libebur128 (ours {report.AlbumLufs:0.000}), offset {report.AlbumOffsetDb:0.00} dB, {report.Rounds} round(s), {album.AlbumSeconds:0.0} s"));
        for (var i = 0; i < wavs.Length; i++)
        {
            output.WriteLine(string.Create(F, $"  {Path.GetFileName(wavs[i])}: mix {mixes[i]:0.00}, master {masters[i]:0.00} LUFS"));
        }

        Assert.Equal(-14.0, whole, 0.1);
        Assert.Equal(whole, report.AlbumLufs, 0.05);
        for (var i = 0; i < wavs.Length; i++)
        {
            for (var j = i + 1; j < wavs.Length; j++)
            {
                var kept = (masters[i] - masters[j]) - (mixes[i] - mixes[j]);
                Assert.True(Math.Abs(kept) <= 0.1, $"songs {i + 1} and {j + 1}: {masters[i] - masters[j]:0.00} LU apart mastered, {mixes[i] - mixes[j]:0.00} LU mixed");
            }
        }

        // The ballad stays well under the album, and the report flags a song exactly when it is more than 6 LU off the album.
        var ballad = report.Songs.Single(s => s.Title == "The Ballad");
        Assert.InRange(ballad.VersusAlbumLu, -9, -5);
        Assert.All(report.Songs.Where(s => s.Track > 0), s => Assert.Equal(Math.Abs(s.VersusAlbumLu) > AlbumJob.LoudnessOutlierLu, s.Outliers.Any(o => o.StartsWith("loudness", StringComparison.Ordinal))));
        Assert.All(report.Songs, s => Assert.True(s.TruePeakDbtp <= report.CeilingDbtp + 1e-9, $"{s.Title}: {s.TruePeakDbtp} dBTP"));
        Assert.All(report.Songs, s => Assert.Equal(s.AlbumModeLufs!.Value, s.OutputLufs, 0.06));

        // The hidden track took the same offset from its mix.
        var hidden = report.Songs.Single(s => s.Track == 0);
        Assert.Equal(hidden.InputLufs + report.AlbumOffsetDb!.Value, hidden.OutputLufs, 0.1);
    }

    [Fact]
    public void TrackMode_PutsEverySongOnTheTarget_AndEachReportShowsBothModes()
    {
        var report = album.TrackMode;
        var masters = AlbumFixture.Wavs(report).Select(w => ReferenceMeter.MeasureFile(w).IntegratedLufs).ToArray();
        Assert.All(masters, l => Assert.Equal(-14.0, l, 0.1));
        Assert.True(report.SpreadLu < 0.2, $"spread {report.SpreadLu} LU in track mode");
        Assert.True(album.AlbumMode.SpreadLu > 8, $"spread {album.AlbumMode.SpreadLu} LU in album mode");

        // Each report estimates the other mode's album loudness; the estimate is close to what the other run measured.
        output.WriteLine(string.Create(F, $"album mode: measured {album.AlbumMode.AlbumLufs:0.00}, track mode estimated {album.AlbumMode.TrackModeAlbumLufs:0.00} (measured {report.AlbumLufs:0.00}); track mode run estimates album mode {report.AlbumModeAlbumLufs:0.00}"));
        Assert.Equal(report.AlbumLufs, album.AlbumMode.TrackModeAlbumLufs!.Value, 0.3);
        Assert.Equal(album.AlbumMode.AlbumLufs, report.AlbumModeAlbumLufs!.Value, 0.3);
        Assert.All(report.Songs, s => Assert.Equal(-14.0, s.TrackModeLufs!.Value));
        Assert.All(report.Songs.Where(s => s.Track > 0), s => Assert.NotNull(s.AlbumModeLufs));
    }

    [Fact]
    public void StreamingFiles_CarryAlbumAndTrackMetadata_AndReplayGainThatLibebur128Agrees()
    {
        var report = album.AlbumMode;
        var wavs = AlbumFixture.Wavs(report);
        var albumLufs = ReferenceMeter.IntegratedOfFiles(wavs);
        var flacs = report.Tracks.Where(d => d.Format == "flac").Select(d => d.Path).Order(StringComparer.Ordinal).ToArray();
        var mp3s = report.Tracks.Where(d => d.Format == "mp3").Select(d => d.Path).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["01-Opener.flac", "02-The_Ballad.flac", "03-Segue.flac", "04-Café_Finale.flac"], flacs.Select(Path.GetFileName).ToArray());
        for (var i = 0; i < 4; i++)
        {
            var song = album.Album.Tracks[i];
            var measured = ReferenceMeter.MeasureFile(wavs[i]);
            var track = measured.IntegratedLufs;
            foreach (var file in new[] { flacs[i], mp3s[i] })
            {
                var tags = Tags(file);
                Assert.Equal(song.Title, tags["title"]);
                Assert.Equal("Blupi Album", tags["album"]);
                Assert.Equal(song.Artist ?? "Planet Blupi Orchestra", tags["artist"]);
                Assert.Equal("Planet Blupi Orchestra", tags["album_artist"]); // the guest's song too: players keep the album together
                Assert.Equal($"{i + 1}/4", tags["track"]);
                Assert.Equal(-18 - track, Db(tags["REPLAYGAIN_TRACK_GAIN"]), 0.1);
                Assert.Equal(-18 - albumLufs, Db(tags["REPLAYGAIN_ALBUM_GAIN"]), 0.1);
                Assert.Equal(Math.Pow(10, measured.TruePeakDbtp / 20), double.Parse(tags["REPLAYGAIN_TRACK_PEAK"], F), 0.01);
            }

            Assert.Equal(song.Isrc, Tags(flacs[i])["ISRC"]);
        }

        // Every track of the album has the same album gain; the ballad's track gain is about 10 dB more than the opener's.
        var gains = flacs.Select(f => Db(Tags(f)["REPLAYGAIN_TRACK_GAIN"])).ToArray();
        Assert.InRange(gains[1] - gains[0], 7, 12);
        Assert.Single(flacs.Select(f => Tags(f)["REPLAYGAIN_ALBUM_GAIN"]).Distinct());
    }

    [Fact]
    public void Disc_CueSheetAndDdpImage_ReadBackToTheAlbum_AndTheImageHoldsTheSongsWhereTheLayoutSays()
    {
        var disc = album.AlbumMode.Disc!;
        Assert.Empty(RedBook.Check(disc.Layout));
        Assert.Equal(4, disc.Layout.Tracks.Count);
        Assert.Equal(AlbumFixture.Upc, disc.Layout.Upc);
        Assert.Equal(["Opener", "The Ballad", "Segue", "Café Finale"], disc.Layout.Tracks.Select(t => t.Title).ToArray());
        Assert.Equal(["GBRFD2600001", "GBRFD2600002", "GBRFD2600003", "GBRFD2600004"], disc.Layout.Tracks.Select(t => t.Isrc).ToArray());

        // Track 1's pre-gap holds the 8 s hidden track and 2 s of silence; the ballad's pre-gap is its 1.5 s
        // gap; the segue has none (it crossfades); the finale's the default 2 s.
        Assert.InRange(disc.Layout.Tracks[0].PregapFrames, CdTime.FromSeconds(10), CdTime.FromSeconds(10) + 1);
        Assert.Equal(CdTime.FromSeconds(1.5), disc.Layout.Tracks[1].PregapFrames);
        Assert.Equal(0, disc.Layout.Tracks[2].PregapFrames);
        Assert.Equal(CdTime.FromSeconds(2), disc.Layout.Tracks[3].PregapFrames);

        // The CUE sheet, by us and by cuetools.
        var cue = CueSheet.Parse(File.ReadAllText(disc.CueSheet, CueSheet.Latin1), disc.Layout.TotalFrames);
        Assert.Equal(disc.Layout.Tracks, cue.Tracks);
        var starts = Tools.Run("cuebreakpoints", "--append-gaps", disc.CueSheet).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(1, 3).Select(i => Breakpoint(disc.Layout.TrackStart(i))), starts);

        // The DDP image: the same disc, checksums that md5sum accepts, the WAV's samples byte for byte.
        var ddp = DdpImage.Read(disc.DdpFolder!);
        Assert.Equal(disc.Layout.Tracks, ddp.Disc.Tracks);
        Assert.Equal((disc.Layout.Upc, disc.Layout.Title, disc.Layout.Performer), (ddp.Disc.Upc, ddp.Disc.Title, ddp.Disc.Performer));
        Assert.Empty(DdpImage.Verify(disc.DdpFolder!));
        Tools.Run("sh", "-c", $"cd '{disc.DdpFolder}' && md5sum -c --quiet {DdpImage.ChecksumName}");
        var image = File.ReadAllBytes(ddp.ImagePath);
        Assert.Equal(disc.Layout.TotalFrames * DdpImage.SectorBytes, image.Length);
        Assert.Equal(disc.ImageSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image)));
        var wavData = WavData(disc.ImageWav);
        Assert.True(image.AsSpan().SequenceEqual(wavData), "the DDP image and the WAV image differ");

        // Gaps are digital silence up to each gapped track's index 1, and music starts there; the segue's
        // index 1 falls inside music (the crossfade).
        for (var t = 1; t < 4; t++)
        {
            var pregapStart = disc.Layout.PregapStart(t) * DdpImage.SectorBytes;
            var index1 = disc.Layout.TrackStart(t) * DdpImage.SectorBytes;
            if (disc.Layout.Tracks[t].PregapFrames > 0)
            {
                Assert.True(image.AsSpan((int)pregapStart, (int)(index1 - pregapStart)).IndexOfAnyExcept((byte)0) < 0, $"track {t + 1}'s gap is not digital silence");
            }

            Assert.True(Rms(image, index1, 44_100) > 1e-3, $"track {t + 1} does not start with music at its index 1");
        }

        // The hidden track plays from the disc's first sample; then 2 s of silence before track 1.
        Assert.True(Rms(image, 0, 44_100) > 1e-3, "the hidden track is not at the start of the programme");
        var track1 = disc.Layout.TrackStart(0) * DdpImage.SectorBytes;
        Assert.True(image.AsSpan((int)track1 - (2 * 44_100 * 4) + (2 * DdpImage.SectorBytes), (2 * 44_100 * 4) - (4 * DdpImage.SectorBytes)).IndexOfAnyExcept((byte)0) < 0, "no silence between the hidden track and track 1");
        Assert.Equal(0, disc.ClippedSamples);

        // The crossfade sums two limited songs; the limiter over the programme holds the disc under the ceiling.
        var imagePeak = ReferenceMeter.MeasureFile(disc.ImageWav).TruePeakDbtp;
        output.WriteLine(string.Create(F, $"disc image {imagePeak:0.000} dBTP by libebur128; limiter over the programme {disc.LimiterMaxGainReductionDb:0.00} dB for {disc.LimitedSeconds:0.000} s"));
        Assert.True(imagePeak <= album.Profile.CeilingDbtp + 0.05, $"the disc peaks at {imagePeak:0.000} dBTP");
    }

    private static Dictionary<string, string> Tags(string path) => Tools.Tags(Tools.Probe(path));

    private static double Db(string text) => double.Parse(text.Replace(" dB", string.Empty, StringComparison.Ordinal), F);

    private static string Breakpoint(long frames) => string.Create(F, $"{frames / (60 * 75)}:{frames / 75 % 60:00}.{frames % 75:00}");

    private static double Rms(byte[] image, long offset, int frames)
    {
        var sum = 0.0;
        for (var i = 0; i < frames * 2; i++)
        {
            var v = BitConverter.ToInt16(image, (int)offset + (i * 2)) / 32768.0;
            sum += v * v;
        }

        return Math.Sqrt(sum / (frames * 2));
    }

    // The data chunk of a plain 16-bit WAV.
    private static byte[] WavData(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 12;
        while (at + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BitConverter.ToInt32(bytes, at + 4);
            if (id == "data")
            {
                return bytes[(at + 8)..(at + 8 + size)];
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk");
    }
}
