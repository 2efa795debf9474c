using System.Globalization;
using System.Text.RegularExpressions;

namespace RenderFarm.Testing;

/// <summary>ffmpeg's ebur128 filter as a second reference meter: its summary figures for a file.</summary>
public static partial class FfmpegEbur128
{
    /// <summary>Integrated loudness, loudness range and true peak as ffmpeg prints them (0.1 resolution).</summary>
    public static (double IntegratedLufs, double LoudnessRangeLu, double TruePeakDbtp) Measure(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var summary = log[log.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return (Value(IntegratedPattern(), summary), Value(RangePattern(), summary), Value(PeakPattern(), summary));
    }

    private static double Value(Regex pattern, string text)
    {
        var m = pattern.Match(text);
        if (!m.Success)
        {
            throw new InvalidOperationException($"ffmpeg summary without {pattern}: {text}");
        }

        return m.Groups[1].Value == "-inf" ? double.NegativeInfinity : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+|-inf) LUFS")]
    private static partial Regex IntegratedPattern();

    [GeneratedRegex(@"LRA:\s+(-?[\d.]+) LU")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"Peak:\s+(-?[\d.]+|-inf) dBFS")]
    private static partial Regex PeakPattern();
}
