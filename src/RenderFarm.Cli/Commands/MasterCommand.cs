using System.CommandLine;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mastering;
using RenderFarm.Restoration;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Overview;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Reports;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm master IN --target NAME|--profile FILE --out DIR</c>: masters a mix to its deliverables and reports.</summary>
internal static class MasterCommand
{
    public const int ExitFailed = 1;

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The mix to master (any format analyze reads)" };
        var target = new Option<string?>("--target", "-t") { Description = "Delivery target: " + string.Join(", ", DeliveryTargets.All.Select(t => t.Name)) };
        var profile = new Option<string?>("--profile", "-p") { Description = "A mastering profile (JSON, see docs/mastering-profile.md)" };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the deliverables and report.json", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var series = new Option<bool>("--series") { Description = "With --json, include the loudness series of input and output" };
        var formats = new Option<string?>("--formats") { Description = "Deliverables to make instead of the profile's: a comma list of wav, cd, flac, mp3, aac, opus" };
        var title = new Option<string?>("--title");
        var artist = new Option<string?>("--artist");
        var album = new Option<string?>("--album");
        var track = new Option<int?>("--track");
        var tracks = new Option<int?>("--tracks") { Description = "Number of tracks on the release" };
        var year = new Option<int?>("--year");
        var isrc = new Option<string?>("--isrc");
        var upc = new Option<string?>("--upc") { Description = "UPC-A or EAN-13 of the release" };
        var reference = new Option<string?>("--reference") { Description = "A reference recording to match: its tonal balance and loudness" };
        var amount = new Option<double>("--reference-amount") { Description = "How far to move towards the reference, 0 to 100 % (0 changes nothing)", DefaultValueFactory = _ => 100 };
        var command = new Command("master", "Master a mix to a delivery target: EQ, multiband, width, true-peak limiting to the target loudness, QC and deliverables")
        {
            input, target, profile, output, json, series, formats, title, artist, album, track, tracks, year, isrc, upc, reference, amount,
        };
        command.SetAction(parse =>
        {
            var metadata = new TrackMetadata
            {
                Title = parse.GetValue(title),
                Artist = parse.GetValue(artist),
                Album = parse.GetValue(album),
                TrackNumber = parse.GetValue(track),
                TrackTotal = parse.GetValue(tracks),
                Year = parse.GetValue(year),
                Isrc = parse.GetValue(isrc),
                Upc = parse.GetValue(upc),
            };
            var match = parse.GetValue(reference) is { } r ? new ReferenceTrack(r, parse.GetValue(amount)) : null;
            return Run(parse.GetValue(input)!, parse.GetValue(target), parse.GetValue(profile), parse.GetValue(output)!, parse.GetValue(formats), metadata,
                parse.GetValue(json), parse.GetValue(series), Console.Out, Console.Error, match);
        });
        return command;
    }

    internal static int Run(string input, string? targetName, string? profilePath, string outputDirectory, string? formats, TrackMetadata metadata, bool json, bool series, TextWriter output, TextWriter error, ReferenceTrack? reference = null)
    {
        try
        {
            var profile = LoadProfile(targetName, profilePath, formats);
            if (profile.Restore is { } restore)
            {
                // The profile's restore section first, as the farm does in a task of its own: restored.wav and
                // restore.json in a restore folder beside the deliverables, then the master from the restored file.
                var restored = Path.Combine(outputDirectory, "restore", "restored.wav");
                var repairs = new RestoreJob(restore).Run(input, restored);
                File.WriteAllText(Path.Combine(outputDirectory, "restore", "restore.json"), ReportJson.Write(repairs));
                if (!json)
                {
                    output.WriteLine($"restored first ({repairs.ChangeSdrDb?.ToString("0.0 dB SDR of change", System.Globalization.CultureInfo.InvariantCulture) ?? "nothing needed repair"}): {restored}");
                }

                input = restored;
            }

            var report = new MasteringJob(profile).Run(input, outputDirectory, new MasteringJobOptions { Metadata = metadata, Reference = reference });
            var text = ReportJson.Write(MasterDocument.Build(report, series));
            File.WriteAllText(Path.Combine(outputDirectory, "report.json"), text);
            File.WriteAllText(Path.Combine(outputDirectory, "overview.json"), ReportJson.Write(OverviewBuilder.Build(report)));
            if (json)
            {
                output.WriteLine(text);
            }
            else
            {
                WriteSummary(report, output);
            }

            return report.TargetMet ? 0 : ExitFailed;
        }
        catch (Exception e) when (e is ProfileException or AudioFileException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"renderfarm master: {e.Message}");
            return ExitFailed;
        }
    }

    /// <summary>The profile of <c>--profile</c>, its target replaced by <c>--target</c>, its deliverables by <c>--formats</c>.</summary>
    internal static MasteringProfile LoadProfile(string? targetName, string? profilePath, string? formats)
    {
        var profile = LoadProfile(targetName, profilePath);
        return formats is null ? profile : profile with { Deliverables = ParseFormats(formats) };
    }

    private static MasteringProfile LoadProfile(string? targetName, string? profilePath)
    {
        if (profilePath is not null && targetName is not null)
        {
            var loaded = ProfileLoader.Load(profilePath);
            return loaded with { Target = DeliveryTargets.Find(targetName, "--target") };
        }

        if (profilePath is not null)
        {
            return ProfileLoader.Load(profilePath);
        }

        if (targetName is not null)
        {
            return MasteringProfile.ForTarget(DeliveryTargets.Find(targetName, "--target"));
        }

        throw new ProfileException("--target", "give a delivery target (--target spotify) or a profile (--profile FILE)");
    }

    private static DeliverableSpec[] ParseFormats(string formats)
    {
        var result = new List<DeliverableSpec>();
        foreach (var name in formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var format = name.ToLowerInvariant() switch
            {
                "wav" or "master" => DeliverableFormat.Wav,
                "cd" => DeliverableFormat.Cd,
                "flac" => DeliverableFormat.Flac,
                "mp3" => DeliverableFormat.Mp3,
                "aac" or "m4a" => DeliverableFormat.Aac,
                "opus" => DeliverableFormat.Opus,
                _ => throw new ProfileException("--formats", $"'{name}' is not a deliverable: accepted wav, cd, flac, mp3, aac, opus"),
            };
            result.Add(new DeliverableSpec { Format = format });
        }

        return result.Count > 0 ? [.. result] : throw new ProfileException("--formats", "names no deliverable");
    }

    private static void WriteSummary(MasteringReport r, TextWriter output)
    {
        var f = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(f, $"{r.InputPath}: {r.Input.IntegratedLufs:0.0} LUFS, {r.Input.TruePeakDbtp:0.0} dBTP, LRA {r.Input.LoudnessRangeLu:0.0} LU"));
        output.WriteLine(string.Create(f, $"master for {r.Target.Name}: {r.Output.IntegratedLufs:0.00} LUFS, {r.Output.TruePeakDbtp:0.00} dBTP (ceiling {r.CeilingDbtp:0.0}), LRA {r.Output.LoudnessRangeLu:0.0} LU, gain {r.GainDb:+0.00;-0.00} dB, limiter {r.LimiterMaxGainReductionDb:0.0} dB"));
        output.WriteLine(r.TargetMet ? "target met" : $"target NOT met: {r.TargetNote}");
        if (r.TargetNote is not null && r.TargetMet)
        {
            output.WriteLine(r.TargetNote);
        }

        foreach (var stage in r.Qc.GroupBy(q => q.Stage))
        {
            output.WriteLine($"QC {stage.Key}: " + string.Join(", ", stage.GroupBy(q => q.Finding.Kind).Select(g => $"{g.Count()} {g.Key}")));
        }

        foreach (var d in r.Deliverables)
        {
            output.WriteLine(string.Create(f, $"  {d.Label,-7} {d.Path}  {d.Loudness.IntegratedLufs:0.0} LUFS {d.Loudness.TruePeakDbtp:0.00} dBTP  sha256 {d.Sha256[..16]}..."));
        }

        if (r.Reference is { } m)
        {
            output.WriteLine(string.Create(f, $"reference {m.Path} at {m.AmountPercent:0} %: {m.ReferenceLufs:0.0} LUFS; tonal distance {m.DistanceBeforeDb:0.00} dB before, {m.DistanceAfterDb:0.00} dB after"));
        }

        foreach (var p in r.Preview)
        {
            output.WriteLine($"  on {p.Platform,-13} {p.Note}");
        }
    }
}
