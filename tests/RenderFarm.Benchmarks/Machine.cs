using System.Runtime.InteropServices;

namespace RenderFarm.Benchmarks;

/// <summary>Describes the machine a benchmark ran on, and pins work to one core.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        return $"{cpu}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>Runs ffmpeg on the first core with one thread; its log (stderr), or an error with the log's end.</summary>
    public static string FfmpegOnOneCore(params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("taskset") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-c", "0", "ffmpeg", "-nostdin", "-hide_banner", "-threads", "1", .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? log : throw new InvalidOperationException($"ffmpeg failed: {log[^Math.Min(600, log.Length)..]}");
    }

    /// <summary>Restricts this process (every thread, the GC's included) to the first core.</summary>
    public static void PinToOneCore()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
    }
}
