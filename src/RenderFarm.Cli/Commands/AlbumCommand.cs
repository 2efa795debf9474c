using System.CommandLine;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Reports;

namespace RenderFarm.Cli.Commands;

/// <summary>
/// <c>renderfarm album ALBUM.json --target NAME|--profile FILE --out DIR [--mode album|track]</c>: masters an
/// album (song paths relative to the album file) to its per-track files, CD image, CUE sheet and DDP image.
/// </summary>
internal static class AlbumCommand
{
    public static Command Create()
    {
        var albumFile = new Argument<string>("album") { Description = "The album: a JSON file of songs in running order (see docs/albums.md)" };
        var target = new Option<string?>("--target", "-t") { Description = "Delivery target (replaces the profile's)" };
        var profile = new Option<string?>("--profile", "-p") { Description = "A mastering profile (JSON)" };
        var output = new Option<string>("--out", "-o") { Description = "Folder for tracks/, cd/, ddp/ and album-report.json", Required = true };
        var mode = new Option<string?>("--mode") { Description = "album (one offset, songs keep their relative loudness) or track (each song to the target); replaces the album file's" };
        var formats = new Option<string?>("--formats") { Description = "Deliverables instead of the profile's: a comma list of wav, cd, flac, mp3, aac, opus (cd makes the disc)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var reference = new Option<string?>("--reference") { Description = "A reference recording to master the album towards (one correction for every song); replaces the album file's" };
        var amount = new Option<double?>("--reference-amount") { Description = "How far to move towards the reference, 0 to 100 % (0 changes nothing); default the album file's, else 100" };
        var command = new Command("album", "Master an album: album or track loudness, consistency report, per-track files with album/track gain, CD image, CUE sheet and DDP 2.0 image")
        {
            albumFile, target, profile, output, mode, formats, json, reference, amount,
        };
        command.SetAction(parse => Run(parse.GetValue(albumFile)!, parse.GetValue(target), parse.GetValue(profile), parse.GetValue(output)!, parse.GetValue(mode), parse.GetValue(formats), parse.GetValue(json), Console.Out, Console.Error,
            parse.GetValue(reference), parse.GetValue(amount)));
        return command;
    }

    internal static int Run(string albumPath, string? targetName, string? profilePath, string outputDirectory, string? mode, string? formats, bool json, TextWriter output, TextWriter error,
        string? referencePath = null, double? referenceAmount = null)
    {
        try
        {
            var profile = MasterCommand.LoadProfile(targetName, profilePath, formats);
            var album = AlbumLoader.Load(albumPath);
            var folder = Path.GetDirectoryName(Path.GetFullPath(albumPath))!;
            album = album with
            {
                Mode = mode switch
                {
                    null => album.Mode,
                    "album" => AlbumLoudnessMode.Album,
                    "track" => AlbumLoudnessMode.Track,
                    _ => throw new ProfileException("--mode", $"'{mode}' is not a mode: accepted album, track"),
                },
                Songs = album.Songs.Select(s => s with { Path = Path.GetFullPath(s.Path, folder) }).ToArray(),
                // A reference named on the command line is where the shell is; the album file's is beside it.
                Reference = (referencePath is { } r ? Path.GetFullPath(r) : album.Reference is { } own ? Path.GetFullPath(own.Path, folder) : null) is { } at
                    ? new ReferenceTrack(at, referenceAmount ?? album.Reference?.AmountPercent ?? 100)
                    : referenceAmount is null ? null : throw new ProfileException("--reference-amount", "applies to a reference recording: give --reference too"),
            };
            var report = new AlbumJob(profile).Run(album, outputDirectory);
            var text = ReportJson.Write(AlbumDocument.Build(report));
            File.WriteAllText(Path.Combine(outputDirectory, "album-report.json"), text);
            if (json)
            {
                output.WriteLine(text);
            }
            else
            {
                WriteSummary(report, output);
            }

            return report.Songs.All(s => s.TargetMet) ? 0 : MasterCommand.ExitFailed;
        }
        catch (Exception e) when (e is ProfileException or AudioFileException or IOException or UnauthorizedAccessException or ArgumentException or Mastering.Cd.RedBookException)
        {
            error.WriteLine($"renderfarm album: {e.Message}");
            return MasterCommand.ExitFailed;
        }
    }

    private static void WriteSummary(AlbumReport r, TextWriter output)
    {
        var f = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(f, $"{r.Mode} mode: album {r.AlbumLufs:0.00} LUFS (target {r.TargetLufs?.ToString("0.0", f) ?? "none"}), true peak {r.AlbumTruePeakDbtp:0.00} dBTP, songs spread {r.SpreadLu:0.0} LU"));
        output.WriteLine(string.Create(f, $"album mode would give {r.AlbumModeAlbumLufs?.ToString("0.00", f) ?? "-"} LUFS, track mode {r.TrackModeAlbumLufs?.ToString("0.00", f) ?? "-"} LUFS"));
        if (r.Reference is { } m)
        {
            output.WriteLine(string.Create(f, $"reference {m.Path} at {m.AmountPercent:0} %: {m.ReferenceLufs:0.0} LUFS; the album's tonal distance {m.DistanceBeforeDb:0.00} dB before, {m.DistanceAfterDb:0.00} dB after"));
        }

        foreach (var s in r.Songs)
        {
            output.WriteLine(string.Create(f, $"  {s.Track,2} {s.Title ?? Path.GetFileName(s.InputPath),-28} {s.OutputLufs,7:0.00} LUFS ({s.VersusAlbumLu:+0.0;-0.0} vs album; track mode {s.TrackModeLufs?.ToString("0.0", f) ?? "-"}, album mode {s.AlbumModeLufs?.ToString("0.0", f) ?? "-"}) {s.TruePeakDbtp:0.00} dBTP PLR {s.PlrDb:0.0}"));
            foreach (var o in s.Outliers)
            {
                output.WriteLine($"       outlier: {o}");
            }
        }

        if (r.Disc is { } d)
        {
            output.WriteLine(string.Create(f, $"disc: {d.Layout.Tracks.Count} tracks, {Mastering.Cd.CdTime.Format(d.Layout.TotalFrames)}; {d.ImageWav}, {d.CueSheet}, DDP in {d.DdpFolder}"));
        }

        output.WriteLine($"{r.Tracks.Count} track files in tracks/");
    }
}
