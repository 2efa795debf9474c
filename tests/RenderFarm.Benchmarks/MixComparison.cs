using System.Diagnostics;
using System.Globalization;
using System.Text;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Mixes the same session (default 16 stereo tracks of 4 minutes, real stems) on one core with our
/// renderer and with the equivalent ffmpeg filter graph: per track a peaking equaliser, a compressor,
/// the fader and a constant-power balance, all summed by amix without normalisation; float output both.
/// Prints times, ratios, and the two mixes' loudness by libebur128.
/// </summary>
internal static class MixComparison
{
    private static readonly int[] StemSongs = [3, 0, 1];

    public static int Run(string[] args)
    {
        Machine.PinToOneCore();
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 240;
        var stems = Stems(count, seconds);
        var folder = Material.TempFolder("mix-benchmark");
        Console.WriteLine($"session: {count} stereo tracks of {seconds} s (48 kHz 24-bit stems from planetblupi songs 0, 1 and 3, looped)");
        Console.WriteLine($"machine: {Machine.Describe()}, pinned to one core");
        try
        {
            var (json, graph) = Build(stems);
            var session = SessionLoader.Parse(json, Path.GetDirectoryName(stems[0])!);
            MixRenderer.Render(session, Path.Combine(folder, "warm.wav"));
            MixReport? report = null;
            var ours = Best(() => (report = MixRenderer.Render(session, Path.Combine(folder, "ours.wav"))).Output);
            var inputs = stems.SelectMany(s => new[] { "-i", s }).ToArray();
            var ffmpeg = Best(() =>
            {
                var output = Path.Combine(folder, "ffmpeg.wav");
                Machine.FfmpegOnOneCore([.. inputs, "-v", "error", "-y", "-filter_complex_threads", "1", "-filter_complex", graph, "-c:a", "pcm_f32le", output]);
                return output;
            });

            Console.WriteLine();
            Console.WriteLine($"{"",-40} {"time",8} {"x RT",6} {"I (libebur128)",15} {"true peak",10}");
            Row("renderfarm mix (one pass, f32 WAV)", ours, seconds);
            Row("ffmpeg filter graph (f32 WAV)", ffmpeg, seconds);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio ffmpeg / renderfarm: {ffmpeg.Seconds / ours.Seconds:0.0}x; renderfarm {seconds / ours.Seconds:0}x real time for the session, {seconds * count / ours.Seconds:0}x per track"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mix loudness, ours {report!.Loudness.IntegratedLufs:0.00} LUFS; difference from ffmpeg's {ours.Result.IntegratedLufs - ffmpeg.Result.IntegratedLufs:+0.00;-0.00} LU (the compressors differ in design)"));
            Memory(json, stems, seconds, folder);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Our session and ffmpeg's graph for the same mix. Compressors: ours threshold/ratio/knee in dB and
    // ms; acompressor's in linear terms with the same values.
    private static (string Json, string Graph) Build(string[] stems)
    {
        var f = CultureInfo.InvariantCulture;
        var tracks = new StringBuilder();
        var graph = new StringBuilder();
        for (var i = 0; i < stems.Length; i++)
        {
            var gain = -6.0 - (i % 4);
            var pan = ((i % 7) - 3) / 4.0;
            var eqHz = 200.0 * Math.Pow(2, i % 6);
            var eqDb = (i % 2 == 0) ? 3.0 : -3.0;
            var threshold = -24.0 + (i % 3 * 3);
            var (l, r) = Panner.Stereo(PanLaw.ConstantPower, pan);
            tracks.Append(string.Create(f, $$"""
                { "name": "t{{i}}", "source": "{{Path.GetFileName(stems[i])}}", "gain_db": {{gain}}, "pan": {{pan}},
                  "inserts": [ { "type": "eq", "bands": [ { "type": "peaking", "frequency_hz": {{eqHz}}, "q": 1, "gain_db": {{eqDb}} } ] },
                               { "type": "compressor", "threshold_db": {{threshold}}, "ratio": 3, "knee_db": 6, "attack_ms": 10, "release_ms": 150, "makeup_db": 3 } ] },
                """));
            graph.Append(string.Create(f,
                $"[{i}:a]aformat=sample_fmts=fltp,equalizer=f={eqHz}:t=q:w=1:g={eqDb},acompressor=threshold={Math.Pow(10, threshold / 20):0.######}:ratio=3:knee=2:attack=10:release=150:makeup={Math.Pow(10, 3 / 20.0):0.####}:detection=peak,volume={gain}dB:precision=float,pan=stereo|c0={l:R}*c0|c1={r:R}*c1[t{i}];"));
        }

        graph.Append(string.Concat(Enumerable.Range(0, stems.Length).Select(i => $"[t{i}]")));
        graph.Append(f, $"amix=inputs={stems.Length}:normalize=0:duration=longest:dropout_transition=0");
        return ($$"""{ "sample_rate": 48000, "tracks": [ {{tracks.ToString().TrimEnd().TrimEnd(',')}} ] }""", graph.ToString());
    }

    // Peak RSS of `renderfarm mix` on the session, and on the same session repeated to an hour (each
    // track's stem played again and again by regions): memory must not grow with the length.
    private static void Memory(string json, string[] stems, int seconds, string folder)
    {
        if (!File.Exists(MemoryCheck.Cli))
        {
            Console.WriteLine("(build src/RenderFarm.Cli in Release for the memory figures)");
            return;
        }

        var repeats = (int)Math.Ceiling(3600.0 / seconds);
        var regions = string.Join(", ", Enumerable.Range(0, repeats).Select(r => string.Create(CultureInfo.InvariantCulture, $$"""{ "start_s": {{r * seconds}}, "length_s": {{seconds}} }""")));
        var hour = System.Text.RegularExpressions.Regex.Replace(json, "(\"source\": \"[^\"]+\"),", m => $"{m.Groups[1].Value}, \"regions\": [ {regions} ],");
        foreach (var (name, text) in new[] { ($"{seconds / 60.0:0} min", json), ($"{repeats * seconds / 60.0:0} min", hour) })
        {
            var session = Path.Combine(Path.GetDirectoryName(stems[0])!, $"session-{Guid.NewGuid():N}.json");
            File.WriteAllText(session, text);
            try
            {
                var (rss, elapsed) = MemoryCheck.PeakRss(MemoryCheck.Cli, ["mix", session, "--out", Path.Combine(folder, "memory.wav"), "--format", "s24"]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"renderfarm mix, {stems.Length} tracks, {name}: peak RSS {rss:0.0} MB, {elapsed} s (both cores)"));
            }
            finally
            {
                File.Delete(session);
            }
        }
    }

    // The stems of songs 3, 0 and 1 in turn, each looped to the length (24-bit), cached beside the material.
    private static string[] Stems(int count, int seconds)
    {
        var songs = StemSongs.Select(Material.Stems).ToArray();
        var all = Enumerable.Range(0, songs.Max(s => s.Count)).SelectMany(i => songs.Where(s => i < s.Count).Select(s => s[i])).ToArray();
        var folder = Path.Combine(Material.Root, "benchmarks", $"mix-{seconds}s");
        Directory.CreateDirectory(folder);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var source = all[i % all.Length];
            var path = Path.Combine(folder, $"{i:00}-{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(source)))}-{Path.GetFileName(source)}");
            if (!File.Exists(path))
            {
                var partial = path + ".partial.wav";
                Tools.Ffmpeg("-stream_loop", "-1", "-i", source, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s24le", partial);
                File.Move(partial, path);
            }

            return path;
        })];
    }

    private static (double Seconds, ReferenceLoudness Result) Best(Func<string> mix)
    {
        var best = double.MaxValue;
        var output = string.Empty;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            output = mix();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        return (best, ReferenceMeter.MeasureFile(output));
    }

    private static void Row(string name, (double Seconds, ReferenceLoudness Result) r, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} {r.Seconds,7:0.00}s {seconds / r.Seconds,5:0}x {r.Result.IntegratedLufs,11:0.000} LUFS {r.Result.TruePeakDbtp,6:0.00} dBTP"));
}
