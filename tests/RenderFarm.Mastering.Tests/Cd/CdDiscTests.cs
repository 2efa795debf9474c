using RenderFarm.Mastering.Cd;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Cd;

/// <summary>
/// The disc layout, its Red Book rules (each with a disc that breaks it, and the limits that just pass)
/// and its CUE sheet: written, read back to the same disc, and read by cuetools (cueprint,
/// cuebreakpoints) to the same track list, CD-Text, ISRCs and index points.
/// </summary>
public sealed class CdDiscTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("cd");

    // Ten tracks: a hidden track in track 1's pre-gap (2 s of lead and 30 s of music), gapless segues
    // (no pre-gap), 2 s gaps, a 4 s interlude, CD-Text and ISRCs throughout.
    private static CdDisc Album() => new()
    {
        Upc = "5012345678900",
        Title = "Blupi's Album",
        Performer = "Planet Blupi Orchestra",
        Tracks =
        [
            new CdTrack { PregapFrames = CdTime.FromSeconds(32), Frames = CdTime.FromSeconds(185.4), Isrc = "GBRFD2600001", Title = "Overture", Performer = "Planet Blupi Orchestra" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(2), Frames = CdTime.FromSeconds(201.2), Isrc = "GBRFD2600002", Title = "The Single" },
            new CdTrack { PregapFrames = 0, Frames = CdTime.FromSeconds(240), Isrc = "GBRFD2600003", Title = "Segue (part 1)" },
            new CdTrack { PregapFrames = 0, Frames = CdTime.FromSeconds(95.6), Isrc = "GBRFD2600004", Title = "Segue (part 2)" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(2), Frames = RedBook.MinTrackFrames, Isrc = "GBRFD2600005", Title = "Interlude" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(1.5), Frames = CdTime.FromSeconds(312.13), Isrc = "GBRFD2600006", Title = "Ballad", Performer = "Blupi & Friends" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(2), Frames = CdTime.FromSeconds(188), Isrc = "GBRFD2600007", Title = "Café Noir" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(2), Frames = CdTime.FromSeconds(222.22), Isrc = "GBRFD2600008", Title = "Eight" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(2), Frames = CdTime.FromSeconds(199), Isrc = "GBRFD2600009", Title = "Nine" },
            new CdTrack { PregapFrames = CdTime.FromSeconds(3), Frames = CdTime.FromSeconds(420), Isrc = "GBRFD2600010", Title = "Finale" },
        ],
    };

    [Fact]
    public void CueSheet_ReadsBackToTheSameDisc_AndCuetoolsReadsTheSameTracks()
    {
        var disc = Album();
        Assert.Empty(RedBook.Check(disc));
        var cue = Path.Combine(_folder, "album.cue");
        CueSheet.Save(disc, cue, "album.wav");
        var text = File.ReadAllText(cue, CueSheet.Latin1);
        Assert.Contains("CATALOG 5012345678900\r\n", text, StringComparison.Ordinal);
        Assert.Contains("TITLE \"Café Noir\"", text, StringComparison.Ordinal);
        Assert.Equal(0xE9, File.ReadAllBytes(cue)[text.IndexOf('é', StringComparison.Ordinal)]); // ISO-8859-1, as CD-Text

        var back = CueSheet.Parse(text, disc.TotalFrames);
        Assert.Equal((disc.Upc, disc.Title, disc.Performer), (back.Upc, back.Title, back.Performer));
        Assert.Equal(disc.Tracks, back.Tracks);

        // A double quote has no escape in a CUE string: the sheet carries an apostrophe (CD-Text and DDP keep the quote).
        var quoted = With(disc, 1, t => t with { Title = "The \"Single\"" });
        Assert.Empty(RedBook.Check(quoted));
        var quotedText = CueSheet.Write(quoted, "album.wav");
        Assert.Contains("    TITLE \"The 'Single'\"\r\n", quotedText, StringComparison.Ordinal);
        Assert.Equal("The 'Single'", CueSheet.Parse(quotedText, disc.TotalFrames).Tracks[1].Title);

        // cuetools (Debian's cueprint and cuebreakpoints), a reader that is not ours.
        var listed = Latin1Output("cueprint", "-d", "%N|%P|%T\n", "-t", "%n|%t|%p|%i\n", cue).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"10|{disc.Performer}|{disc.Title}", listed[0]);
        for (var i = 0; i < disc.Tracks.Count; i++)
        {
            var t = disc.Tracks[i];
            Assert.Equal($"{i + 1}|{t.Title}|{t.Performer}|{t.Isrc}", listed[i + 1]);
        }

        // Index 1 of every track after the first, and where each one's pre-gap starts (mm:ss.ff).
        var starts = Tools.Run("cuebreakpoints", "--append-gaps", cue).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pregaps = Tools.Run("cuebreakpoints", "--prepend-gaps", cue).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => Breakpoint(disc.TrackStart(i))), starts);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => Breakpoint(disc.PregapStart(i))), pregaps);
    }

    [Fact]
    public void EveryRedBookRule_IsCheckedWithAFailingCase_AndTheLimitsPass()
    {
        var good = Album();
        Broken(good with { Tracks = [] }, RedBook.TrackCount, null);
        Broken(good with { Tracks = [.. Enumerable.Range(0, 100).Select(i => new CdTrack { PregapFrames = i == 0 ? 150 : 0, Frames = RedBook.MinTrackFrames })] }, RedBook.TrackCount, null);
        Assert.Empty(RedBook.Check(good with { Tracks = [.. Enumerable.Range(0, 99).Select(i => new CdTrack { PregapFrames = i == 0 ? 150 : 0, Frames = RedBook.MinTrackFrames })] }));

        Broken(With(good, 4, t => t with { Frames = RedBook.MinTrackFrames - 1 }), RedBook.TrackLength, 5);

        var full = good with { Tracks = [new CdTrack { PregapFrames = 150, Frames = RedBook.MaxProgrammeFrames - 150 }] };
        Assert.Empty(RedBook.Check(full));
        Broken(full with { Tracks = [full.Tracks[0] with { Frames = full.Tracks[0].Frames + 1 }] }, RedBook.ProgrammeLength, null);

        Broken(With(good, 0, t => t with { PregapFrames = 149 }), RedBook.FirstPregap, 1);
        Broken(With(good, 3, t => t with { PregapFrames = -1 }), RedBook.FirstPregap, 4);

        var samples = good.Tracks.Select(t => (t.Frames * CdTime.SamplesPerFrame, t.PregapFrames * CdTime.SamplesPerFrame)).ToArray();
        Assert.Empty(RedBook.Check(good, samples));
        samples[6] = (samples[6].Item1 + 100, samples[6].Item2);
        var misaligned = Broken(good, RedBook.FrameAlignment, 7, samples);
        Assert.Contains("100 past a whole CD frame of 588", misaligned.Message, StringComparison.Ordinal);
        samples[6] = (samples[6].Item1 - 100, samples[6].Item2 + 1);
        Broken(good, RedBook.FrameAlignment, 7, samples);

        Broken(With(good, 2, t => t with { Isrc = "GB-RFD-26-00003" }), RedBook.Isrc, 3);
        Broken(With(good, 2, t => t with { Isrc = "GBRFD260003" }), RedBook.Isrc, 3);
        Broken(good with { Upc = "5012345678901" }, RedBook.Catalogue, null);
        Assert.Empty(RedBook.Check(good with { Upc = "036000291452" }));

        Broken(With(good, 1, t => t with { Title = new string('x', 161) }), RedBook.CdText, 2);
        Broken(With(good, 1, t => t with { Performer = "東京" }), RedBook.CdText, 2);
        Broken(good with { Title = "Tab\there" }, RedBook.CdText, null);
        Assert.Empty(RedBook.Check(With(good, 1, t => t with { Title = new string('x', 160) })));

        // One block of CD-Text holds 256 packs of 12 characters: 99 tracks of 30-character titles and performers do not fit.
        var crowded = good with { Tracks = [.. Enumerable.Range(0, 99).Select(i => new CdTrack { PregapFrames = i == 0 ? 150 : 0, Frames = RedBook.MinTrackFrames, Title = $"Title {i:00} ".PadRight(30, 't'), Performer = $"Performer {i:00} ".PadRight(30, 'p') })] };
        var overflow = Broken(crowded, RedBook.CdText, null);
        Assert.Contains($"need {CdText.PackCount(crowded)} CD-Text packs", overflow.Message, StringComparison.Ordinal);
        Assert.Empty(RedBook.Check(crowded with { Tracks = [.. crowded.Tracks.Select(t => t with { Performer = null, Title = t.Title![..12] })] }));

        // The CUE writer will not write a disc that breaks a rule; every broken rule is named at once.
        var many = Assert.Throws<RedBookException>(() => CueSheet.Write(With(good with { Upc = "123" }, 0, t => t with { PregapFrames = 0 }), "x.wav"));
        Assert.Equal([RedBook.Catalogue, RedBook.FirstPregap], many.Violations.Select(v => v.Rule).Order());
        Assert.Contains("track 1: a pre-gap of 0.00 s: track 1 needs at least 2 s", many.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CdTime_WritesAndReadsMinutesSecondsFrames()
    {
        Assert.Equal("00:02:00", CdTime.Format(150));
        Assert.Equal("79:57:74", CdTime.Format(RedBook.MaxProgrammeFrames));
        Assert.Equal(RedBook.MaxProgrammeFrames, CdTime.Parse("79:57:74"));
        Assert.Null(CdTime.Parse("00:60:00"));
        Assert.Null(CdTime.Parse("00:00:75"));
        Assert.Null(CdTime.Parse("1:2"));
        Assert.Throws<FormatException>(() => CueSheet.Parse("  TRACK 02 AUDIO\n", 0));
        Assert.Throws<FormatException>(() => CueSheet.Parse("  TRACK 01 AUDIO\n    INDEX 01 00:61:00\n", 0));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CdDisc With(CdDisc disc, int index, Func<CdTrack, CdTrack> change) =>
        disc with { Tracks = [.. disc.Tracks.Select((t, i) => i == index ? change(t) : t)] };

    private static RedBookViolation Broken(CdDisc disc, string rule, int? track, IReadOnlyList<(long, long)>? samples = null)
    {
        var found = RedBook.Check(disc, samples);
        var violation = Assert.Single(found);
        Assert.Equal((rule, track), (violation.Rule, violation.Track));
        Assert.Throws<RedBookException>(() => RedBook.Require(disc, samples));
        return violation;
    }

    // cuebreakpoints writes m:ss.ff (frames after the dot).
    private static string Breakpoint(long frames) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{frames / 4500}:{frames / 75 % 60:00}.{frames % 75:00}");

    // cueprint passes the sheet's bytes through: its output is read as ISO-8859-1.
    private static string Latin1Output(string program, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = CueSheet.Latin1 };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
