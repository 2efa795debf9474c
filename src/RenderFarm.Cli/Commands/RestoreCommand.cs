using System.CommandLine;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Contracts.Reports;
using RenderFarm.Restoration;
using RenderFarm.Restoration.Declick;
using RenderFarm.Restoration.Denoise;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm restore IN --out OUT.wav [--declick] [--declip] [--dehum [auto|50|60]] [--denoise [DB]] [--dc] [--polarity] [--azimuth]</c>: repairs a recording before mastering.</summary>
internal static class RestoreCommand
{
    public const int ExitFailed = 1;

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The recording to restore (any format analyze reads)" };
        var output = new Option<string>("--out", "-o") { Description = "The restored WAV file (24-bit; 32-bit float for float input)", Required = true };
        var declick = new Option<bool>("--declick") { Description = "Rebuild clicks, crackle and bursts up to --max-click-ms long" };
        var declip = new Option<bool>("--declip") { Description = "Rebuild clipped runs beyond the clip level (the output is 32-bit float for the headroom)" };
        var dehum = new Option<string?>("--dehum") { Description = "Take away mains hum and its harmonics, tracked as it drifts: auto (found by the analysis), 50 or 60 Hz", Arity = ArgumentArity.ZeroOrOne };
        dehum.AcceptOnlyFromAmong("auto", "50", "60");
        var denoise = new Option<double?>("--denoise") { Description = "Reduce broadband noise (hiss, surface noise) by up to DB (1 to 40; 12 when not given), against a profile of the quietest passages", Arity = ArgumentArity.ZeroOrOne };
        var profile = new Option<string?>("--noise-profile") { Description = "Learn the noise from this passage instead, START-END in seconds (noise alone: a lead-in, a run-out groove)" };
        var dc = new Option<bool>("--dc") { Description = "Remove DC and its drift (linear-phase high-pass)" };
        var polarity = new Option<bool>("--polarity") { Description = "Turn over the second channel of a stereo recording" };
        var azimuth = new Option<bool>("--azimuth") { Description = "Measure the delay between a stereo tape transfer's channels (head azimuth) and bring the lagging one back into line" };
        var threshold = new Option<double>("--threshold") { Description = "De-click sensitivity: times the typical prediction error (3 to 100; lower finds more)", DefaultValueFactory = _ => new DeclickSettings().Threshold };
        var longest = new Option<double>("--max-click-ms") { Description = "The longest burst de-click rebuilds, in ms (0.05 to 10)", DefaultValueFactory = _ => new DeclickSettings().MaxClickMs };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("restore", "Repair a recording: clicks, clipping, hum, noise, DC offset, an inverted channel, the channels' delay. With no repair named, every repair the analysis finds needed")
        {
            input, output, declick, declip, dehum, denoise, profile, dc, polarity, azimuth, threshold, longest, json,
        };
        command.SetAction(parse =>
        {
            var (click, clip, offset, flip, skew) = (parse.GetValue(declick), parse.GetValue(declip), parse.GetValue(dc), parse.GetValue(polarity), parse.GetValue(azimuth));
            var hum = parse.GetResult(dehum) is not null;
            var noise = parse.GetResult(denoise) is not null;
            var mains = parse.GetValue(dehum) is "50" or "60" ? double.Parse(parse.GetValue(dehum)!, CultureInfo.InvariantCulture) : (double?)null;
            if (!TryPassage(parse.GetValue(profile), out var passage))
            {
                Console.Error.WriteLine($"renderfarm restore: --noise-profile '{parse.GetValue(profile)}' is not a passage: give START-END in seconds, as 0.5-2.5");
                return ExitFailed;
            }

            var settings = (click || clip || offset || flip || hum || noise || skew ? RestoreSettings.Only(declick: click, dc: offset, polarity: flip, declip: clip, dehum: hum, denoise: noise, azimuth: skew) : RestoreSettings.Auto) with
            {
                MainsHz = mains,
                DeclickSettings = new DeclickSettings { Threshold = parse.GetValue(threshold), MaxClickMs = parse.GetValue(longest) },
                DenoiseSettings = new DenoiseSettings { ReductionDb = parse.GetValue(denoise) ?? new DenoiseSettings().ReductionDb, ProfileStartS = passage?.Start, ProfileEndS = passage?.End },
            };
            return Run(parse.GetValue(input)!, parse.GetValue(output)!, settings, parse.GetValue(json), Console.Out, Console.Error);
        });
        return command;
    }

    internal static int Run(string input, string outputPath, RestoreSettings settings, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            var report = new RestoreJob(settings).Run(input, outputPath);
            if (json)
            {
                output.WriteLine(ReportJson.Write(report));
            }
            else
            {
                WriteSummary(report, output);
            }

            return 0;
        }
        catch (Exception e) when (e is AudioFileException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // (an argument's message without the parameter's name and value that .NET appends)
            error.WriteLine($"renderfarm restore: {e.Message.Split(" (Parameter '")[0]}");
            return ExitFailed;
        }
    }

    // "START-END" in seconds; nothing given is no passage.
    internal static bool TryPassage(string? text, out (double Start, double End)? passage)
    {
        passage = null;
        if (text is null)
        {
            return true;
        }

        var parts = text.Split('-');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var end))
        {
            passage = (start, end);
            return true;
        }

        return false;
    }

    private static void WriteSummary(RestorationReport r, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Input}: {r.Channels} ch, {r.SampleRate} Hz, {r.Frames / (double)r.SampleRate:0.0} s"));
        if (r.Dc is null)
        {
            output.WriteLine($"  DC: {string.Join(", ", r.DcOffset.Select(d => d.ToString("0.00000", CultureInfo.InvariantCulture)))} (left)");
        }

        foreach (var (repair, done) in RestorationSummary.Describe(r))
        {
            output.WriteLine($"  {repair}: {done}");
        }

        output.WriteLine($"  -> {r.Output}");
    }
}
