using System.Diagnostics;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Analysis;
using RenderFarm.Dsp;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Full loudness analysis (integrated, range, true peak) of one file by our analyzer, by libebur128 and by
/// ffmpeg's ebur128 filter, in one run on one core; prints times, real-time factors and ratios.
/// Both in-process meters read the file with our reader, so both timings include the decoding.
/// </summary>
internal static class LoudnessComparison
{
    private const int Rounds = 5;

    public static int Run(string[] args)
    {
        Machine.PinToOneCore();
        var path = args.Length > 0 ? args[0] : BenchmarkFiles.Song(288);
        var seconds = BenchmarkFiles.Duration(path);
        Console.WriteLine($"file: {path} ({seconds:0.0} s)");
        Console.WriteLine($"machine: {Machine.Describe()}, pinned to one core");

        var ours = Best(() => FileAnalyzer.Analyze(path));
        var decodeOnly = Best(() => DecodeOnly(path));
        var libebur128 = Best(() => WithLibebur128(path));
        var ffmpeg = Best(() => WithFfmpeg(path));

        var analysis = FileAnalyzer.Analyze(path).Loudness;
        var reference = FfmpegEbur128.Measure(path);
        Console.WriteLine();
        Console.WriteLine($"{"",-34} {"time",9} {"x real time",12}");
        Row("renderfarm (read + I, LRA, TP)", ours, seconds);
        Row("  of which reading the file", decodeOnly, seconds);
        Row("libebur128 (read + I, LRA, TP)", libebur128, seconds);
        Row("ffmpeg ebur128=peak=true", ffmpeg, seconds);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio libebur128 / renderfarm: {libebur128 / ours:0.00}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ffmpeg / renderfarm:     {ffmpeg / ours:0.00}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"renderfarm: I {analysis.IntegratedLufs:0.00} LUFS, LRA {analysis.LoudnessRangeLu:0.00} LU, TP {analysis.TruePeakDbtp:0.00} dBTP; ffmpeg: I {reference.IntegratedLufs:0.0}, LRA {reference.LoudnessRangeLu:0.0}, TP {reference.TruePeakDbtp:0.0}"));
        return 0;
    }

    private static void Row(string name, double time, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {time,8:0.000}s {seconds / time,11:0}x"));

    private static double Best(Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < Rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static void DecodeOnly(string path)
    {
        using var reader = AudioFile.OpenRead(path);
        var buffer = new AudioBuffer(reader.Info.Channels, FileAnalyzer.BlockFrames);
        while (reader.Read(buffer.AsBlock()) > 0)
        {
        }
    }

    private static void WithLibebur128(string path)
    {
        using var reader = AudioFile.OpenRead(path);
        using var meter = new ReferenceMeter(reader.Info.SampleRate, reader.Info.Channels, readMomentary: false);
        var buffer = new AudioBuffer(reader.Info.Channels, FileAnalyzer.BlockFrames);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            meter.Add(buffer.AsBlock(n));
        }

        meter.Result();
    }

    private static void WithFfmpeg(string path) =>
        Tools.Run("taskset", "-c", "0", "ffmpeg", "-nostdin", "-v", "error", "-threads", "1", "-i", path, "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-");
}
