using RenderFarm.Audio;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>Long files for benchmarks, made from the real material by repeating a rendered song.</summary>
internal static class BenchmarkFiles
{
    /// <summary>A stereo 48 kHz 24-bit WAV of <paramref name="seconds"/>, cached beside the material.</summary>
    public static string Song(int seconds)
    {
        var folder = Path.Combine(Material.Root, "benchmarks");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"song-{seconds}s.wav");
        if (!File.Exists(path))
        {
            var list = Path.Combine(folder, "songs.txt");
            var songs = Enumerable.Range(0, 4).Select(Material.Song).ToArray();
            var repeats = (int)Math.Ceiling(seconds / 90.0);
            File.WriteAllLines(list, Enumerable.Range(0, repeats).Select(i => $"file '{songs[i % songs.Length]}'"));
            var partial = path + ".partial.wav";
            Tools.Ffmpeg("-f", "concat", "-safe", "0", "-i", list, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:a", "pcm_s24le", partial);
            File.Move(partial, path);
        }

        return path;
    }

    /// <summary>A file's length in seconds.</summary>
    public static double Duration(string path)
    {
        using var probe = AudioFile.OpenRead(path);
        return (double)(probe.Info.Frames ?? 0) / probe.Info.SampleRate;
    }
}
