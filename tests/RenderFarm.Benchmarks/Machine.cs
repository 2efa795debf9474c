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

    /// <summary>Restricts this process (every thread, the GC's included) to the first core.</summary>
    public static void PinToOneCore()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
    }
}
