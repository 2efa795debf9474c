using System.Diagnostics;
using System.Globalization;
using RenderFarm.Contracts.Reports;
using RenderFarm.Restoration;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Each repair and ffmpeg's nearest filter on the same damaged recordings, file to file, on one core: the
/// signal-to-distortion ratio against the clean original before and after, and the time (best of three).
/// De-click against <c>adeclick</c> on real material with 100 clicks a minute injected (a third single-sample,
/// the rest bursts of 2 to 100 samples); de-clip against <c>adeclip</c> on the material driven 6 dB into a
/// hard clip; de-hum against six <c>bandreject</c> notches 2 Hz wide on the nominal harmonics, on the
/// material with 50 Hz hum added (six harmonics, -40 dBFS RMS, drifting 0.2 Hz); de-noise against
/// <c>afftdn</c> (12 dB, told the noise floor our analysis found, its output moved back by the latency it leaves
/// in) on the material with white or pink noise at 20 dB and white at 10 dB SNR. Other filters at their
/// defaults. Last, the short-time transform de-noise runs on: our single-precision FFT beside NWaves'.
/// </summary>
internal static class RestorationComparison
{
    public static int Run(string[] args)
    {
        Machine.PinToOneCore();
        var folder = Material.TempFolder("restoration-benchmark");
        Console.WriteLine($"machine: {Machine.Describe()}, pinned to one core");
        Console.WriteLine();
        Console.WriteLine($"{"material",-16} {"fault",-10} {"SDR before",10} {"ours",7} {"ffmpeg",7} {"ours s",8} {"ffmpeg s",9} {"speed",6}");
        try
        {
            var materials = args.Length > 0 ? args : ["song1", "ambi_choir", "loop_amen_full"];
            foreach (var material in materials)
            {
                var source = material == "song1" ? Material.Piece(folder, "song1", 1, 0, 60) : Material.Loop(material);
                var (clean, rate) = PlanarAudio.Read(source);
                var clicky = clean.Select(c => (float[])c.Clone()).ToArray();
                Faults.AddClicks(clicky, rate, perMinute: 100, longest: 100, seed: 19);
                Compare(folder, material, "clicks", clean, clicky, rate, RestoreSettings.Only(declick: true), "adeclick");

                // Driven 6 dB into a hard clip: the peak put at +6 dBFS, clipped at full scale.
                var gain = 2.0f / clean.Max(c => c.Max(Math.Abs));
                var loud = clean.Select(c => c.Select(v => v * gain).ToArray()).ToArray();
                var clipped = loud.Select(c => c.Select(v => Math.Clamp(v, -1.0f, 1.0f)).ToArray()).ToArray();
                Compare(folder, material, "clip +6dB", loud, clipped, rate, RestoreSettings.Only(declip: true), "adeclip");

                // 50 Hz hum, six harmonics, -40 dBFS RMS, drifting 0.2 Hz; against notches 2 Hz wide on the nominal harmonics.
                var hummed = clean.Select(c => (float[])c.Clone()).ToArray();
                Faults.AddHum(hummed, rate, 50.0, rmsDbfs: -40, driftHz: 0.2);
                var notches = string.Join(",", Enumerable.Range(1, 6).Select(k => string.Create(CultureInfo.InvariantCulture, $"bandreject=f={50 * k}:width_type=h:w=2")));
                Compare(folder, material, "hum 50Hz", clean, hummed, rate, RestoreSettings.Only(dehum: true), notches, "notches");

                foreach (var (pink, snr) in new[] { (false, 20.0), (true, 20.0), (false, 10.0) })
                {
                    var noisy = clean.Select(c => (float[])c.Clone()).ToArray();
                    Faults.AddNoise(noisy, pink, snr, seed: 23);
                    var fault = string.Create(CultureInfo.InvariantCulture, $"{(pink ? "pink" : "white")} {snr:0}dB");
                    Compare(folder, material, fault, clean, noisy, rate, RestoreSettings.Only(denoise: true),
                        r => string.Create(CultureInfo.InvariantCulture, $"afftdn=nr=12:nf={Math.Clamp(r.Denoise!.FloorDbfs, -80, -20)}"), $"afftdn-{fault.Replace(' ', '-')}", align: true);
                }
            }

            Console.WriteLine();
            TransformComparison.Run();

            Console.WriteLine();
            Console.WriteLine("ours: renderfarm's RestoreJob, file to file (analysis pass, then the repair; 24-bit WAV, float after de-clip);");
            Console.WriteLine("ffmpeg: adeclick / adeclip with their defaults, bandreject notches, afftdn told our floor; 32-bit float WAV. SDR against the clean original.");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Compare(string folder, string material, string fault, float[][] clean, float[][] damaged, int rate, RestoreSettings settings, string filter, string? name = null) =>
        Compare(folder, material, fault, clean, damaged, rate, settings, _ => filter, name ?? filter, align: false);

    // The filter may depend on what our repair reported; with align, ffmpeg's output is moved back by the
    // latency the filter leaves in (afftdn's), found by cross-correlation with its input.
    private static void Compare(string folder, string material, string fault, float[][] clean, float[][] damaged, int rate, RestoreSettings settings, Func<RestorationReport, string> filterFor, string name, bool align)
    {
        var input = Path.Combine(folder, $"{material}-{name}.wav");
        PlanarAudio.Write(input, damaged, rate);
        var ours = Path.Combine(folder, $"{material}-{name}-ours.wav");
        var job = new RestoreJob(settings);
        var filter = filterFor(job.Run(input, ours));
        var ourTime = Best(() => job.Run(input, ours));
        var theirs = Path.Combine(folder, $"{material}-{name}-ffmpeg.wav");
        var theirTime = Best(() => Machine.FfmpegOnOneCore("-y", "-i", input, "-af", filter, "-c:a", "pcm_f32le", theirs));

        var before = Faults.Sdr(clean, damaged);
        var after = Faults.Sdr(clean, PlanarAudio.Read(ours).Channels);
        var output = PlanarAudio.Read(theirs).Channels;
        var lag = align ? Faults.Delay(damaged, output, 4096) : 0;
        var ffmpeg = Faults.Sdr(clean, Faults.Advance(output, lag), 0, clean[0].Length - lag);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{material,-16} {fault,-10} {before,8:0.0}dB {after,5:0.0}dB {ffmpeg,5:0.0}dB {ourTime,7:0.00}s {theirTime,8:0.00}s {theirTime / ourTime,5:0.0}x"));
    }

    private static double Best(Action run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
