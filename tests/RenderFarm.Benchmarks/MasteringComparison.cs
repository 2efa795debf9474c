using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Masters one file to Spotify's -14 LUFS / -1 dBTP on one core with our chain (analysis, EQ, multiband,
/// limiter search, 24-bit BWF master with QC) and with ffmpeg: two-pass loudnorm alone, and two-pass
/// loudnorm behind an equivalent high-pass and compressor. Prints times, ratios and each result's error
/// against the target as libebur128 measures it.
/// </summary>
internal static class MasteringComparison
{
    private const double Target = -14.0;
    private const double Ceiling = -1.0;
    private const string Chain = "highpass=f=20,acompressor=threshold=-20dB:ratio=1.5:knee=2.8:attack=15:release=180";

    public static int Run(string[] args)
    {
        Machine.PinToOneCore();
        var path = args.Length > 0 ? args[0] : BenchmarkFiles.Song(288);
        var seconds = BenchmarkFiles.Duration(path);
        var folder = Material.TempFolder("mastering-benchmark");
        Console.WriteLine($"file: {path} ({seconds:0.0} s), target {Target} LUFS, ceiling {Ceiling} dBTP");
        Console.WriteLine($"machine: {Machine.Describe()}, pinned to one core");
        try
        {
            var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
            new MasteringJob(profile).Run(path, Path.Combine(folder, "warm"));
            MasteringReport? report = null;
            var ours = Best(() =>
            {
                report = new MasteringJob(profile).Run(path, Path.Combine(folder, "ours"));
                return report.Deliverables[0].Path;
            });
            var loudnorm = Best(() => FfmpegTwoPass(path, Path.Combine(folder, "loudnorm.wav"), null));
            var chain = Best(() => FfmpegTwoPass(path, Path.Combine(folder, "chain.wav"), Chain));

            Console.WriteLine();
            Console.WriteLine($"{"",-46} {"time",8} {"x RT",6} {"I (libebur128)",15} {"error",7} {"true peak",10}");
            Row("renderfarm master (full chain, 24-bit BWF)", ours, seconds);
            Row("ffmpeg loudnorm two-pass", loudnorm, seconds);
            Row("ffmpeg highpass+acompressor+loudnorm two-pass", chain, seconds);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio loudnorm / renderfarm: {loudnorm.Seconds / ours.Seconds:0.0}x; chain / renderfarm: {chain.Seconds / ours.Seconds:0.0}x"));
            Console.WriteLine("renderfarm stages (last run): " + string.Join(", ", report!.TimingsSeconds.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:0.000} s"))) + $", limiter passes {report.LimiterPasses}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Seconds, ReferenceLoudness Result) Best(Func<string> master)
    {
        var best = double.MaxValue;
        string output = string.Empty;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            output = master();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        return (best, ReferenceMeter.MeasureFile(output));
    }

    private static string FfmpegTwoPass(string input, string output, string? chain)
    {
        var prefix = chain is null ? string.Empty : chain + ",";
        var filter = string.Create(CultureInfo.InvariantCulture, $"loudnorm=I={Target}:TP={Ceiling}:LRA=20");
        var first = Machine.FfmpegOnOneCore(["-i", input, "-af", prefix + filter + ":print_format=json", "-f", "null", "-"]);
        var json = first[first.LastIndexOf('{')..(first.LastIndexOf('}') + 1)];
        using var measured = JsonDocument.Parse(json);
        string M(string name) => measured.RootElement.GetProperty(name).GetString()!;
        var second = string.Create(CultureInfo.InvariantCulture,
            $"{prefix}{filter}:measured_I={M("input_i")}:measured_TP={M("input_tp")}:measured_LRA={M("input_lra")}:measured_thresh={M("input_thresh")}:offset={M("target_offset")}:linear=true");
        Machine.FfmpegOnOneCore(["-y", "-i", input, "-af", second, "-ar", "48000", "-c:a", "pcm_s24le", output]);
        return output;
    }

    private static void Row(string name, (double Seconds, ReferenceLoudness Result) r, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-46} {r.Seconds,7:0.00}s {seconds / r.Seconds,5:0}x {r.Result.IntegratedLufs,11:0.000} LUFS {r.Result.IntegratedLufs - Target,+6:+0.000;-0.000} {r.Result.TruePeakDbtp,6:0.00} dBTP"));
}
