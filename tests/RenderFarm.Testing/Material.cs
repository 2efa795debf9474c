using System.Diagnostics;

namespace RenderFarm.Testing;

/// <summary>
/// Real recorded material for tests, generated on first use by infra/material.sh (fluidsynth renders of
/// planetblupi's MIDI songs, sonic-pi's recorded loops) into a cache folder outside version control.
/// </summary>
public static class Material
{
    private static readonly Lazy<string> RootPath = new(Generate);

    /// <summary>The material folder, generated if needed.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The repository's root folder (where RenderFarm.sln is).</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>A 90 s song rendered from planetblupi music file <paramref name="number"/> (0 to 3), 48 kHz 24-bit stereo.</summary>
    public static string Song(int number) => Path.Combine(Root, "blupi", $"music{number:000}", "mix.wav");

    /// <summary>
    /// <paramref name="seconds"/> of song <paramref name="number"/> from <paramref name="from"/> s, cut by ffmpeg into
    /// <paramref name="folder"/>/<paramref name="name"/>.wav (24-bit), its level moved by <paramref name="gainDb"/> when given.
    /// </summary>
    public static string Piece(string folder, string name, int number, double from, double seconds, double? gainDb = null)
    {
        var f = System.Globalization.CultureInfo.InvariantCulture;
        var path = Path.Combine(folder, name + ".wav");
        string[] level = gainDb is { } g ? ["-af", $"volume={g.ToString(f)}dB"] : [];
        Tools.Ffmpeg(["-ss", from.ToString(f), "-t", seconds.ToString(f), "-i", Song(number), .. level, "-c:a", "pcm_s24le", path]);
        return path;
    }

    /// <summary>
    /// The four songs one after another, cut to <paramref name="seconds"/>, as <paramref name="folder"/>/NAME.wav for each
    /// name (long mixes, for renders that must still be running when a test acts on them).
    /// </summary>
    public static void LongMixes(string folder, IEnumerable<string> names, int seconds, int sampleRate, string codec)
    {
        var f = System.Globalization.CultureInfo.InvariantCulture;
        Directory.CreateDirectory(folder);
        var list = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, Enumerable.Range(0, 4).Select(s => $"file '{Song(s)}'"));
            foreach (var name in names)
            {
                Tools.Ffmpeg("-f", "concat", "-safe", "0", "-i", list, "-t", seconds.ToString(f), "-ar", sampleRate.ToString(f), "-c:a", codec, Path.Combine(folder, $"{name}.wav"));
            }
        }
        finally
        {
            File.Delete(list);
        }
    }

    /// <summary>A whole planetblupi song (5 or 8), about ten minutes, 48 kHz 24-bit stereo.</summary>
    public static string FullSong(int number) => Path.Combine(Root, "blupi", "full", $"music{number:000}.wav");

    /// <summary>The stems of song 0, 1 or 3, one per MIDI channel.</summary>
    public static IReadOnlyList<string> Stems(int number) =>
        Directory.GetFiles(Path.Combine(Root, "blupi", $"music{number:000}", "stems"), "*.wav").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Song 1 in another format: flac, mp3, ogg, opus, m4a, aiff, w64.</summary>
    public static string Format(string extension) => Path.Combine(Root, "formats", $"blupi-001.{extension}");

    /// <summary>A minute of one of sonic-pi's recorded loops (loop_amen_full, loop_garzul, loop_industrial, loop_compus, loop_tabla, ambi_choir).</summary>
    public static string Loop(string name) => Path.Combine(Root, "loops", $"{name}.wav");

    /// <summary>A fresh empty folder under the system temp folder, for a test's own files.</summary>
    public static string TempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "renderfarm-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Generate()
    {
        var script = Path.Combine(Repository, "infra", "material.sh");
        var info = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var configured = Environment.GetEnvironmentVariable("RENDERFARM_MATERIAL");
        if (!string.IsNullOrEmpty(configured))
        {
            info.Environment["RENDERFARM_MATERIAL"] = configured;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result.Trim().Split('\n')[^1];
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RenderFarm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RenderFarm.sln not found above " + AppContext.BaseDirectory);
    }
}
