using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>Peak resident memory of `renderfarm analyze` and `renderfarm master` on a long file (default two hours), as /usr/bin/time reports it.</summary>
internal static partial class MemoryCheck
{
    public static int Run(string[] args)
    {
        var hours = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2.0;
        var cli = Cli;
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/RenderFarm.Cli ({cli} missing)");
            return 1;
        }

        Console.WriteLine($"machine: {Machine.Describe()}");
        foreach (var length in new[] { 0.1, hours })
        {
            var path = BenchmarkFiles.Song((int)(length * 3600));
            var output = Path.Combine(Path.GetTempPath(), "renderfarm-memory-check");
            string[][] runs = [["analyze", path], ["analyze", "--json", "--series", path], ["master", path, "--target", "spotify", "--formats", "wav", "--out", output]];
            foreach (var flags in runs)
            {
                var (rssMb, elapsed) = PeakRss(cli, flags);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{flags[0]} {string.Join(' ', flags.Skip(1).Where(f => f.StartsWith('-'))),-28} {length * 60,6:0} min: peak RSS {rssMb,6:0.0} MB, {elapsed} s"));
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }
            }
        }

        return 0;
    }

    /// <summary>The renderfarm CLI, built in Release.</summary>
    public static string Cli => Path.Combine(Material.Repository, "src", "RenderFarm.Cli", "bin", "Release", "net10.0", "renderfarm");

    /// <summary>Runs the CLI under /usr/bin/time: its peak resident set in MB and its elapsed seconds.</summary>
    public static (double Megabytes, string Seconds) PeakRss(string cli, string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-f", "MAXRSS_KB=%M ELAPSED=%e", cli, .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var m = Report().Match(err);
        if (process.ExitCode != 0 || !m.Success)
        {
            throw new InvalidOperationException($"renderfarm {string.Join(' ', arguments)} failed: {err[^Math.Min(600, err.Length)..]}");
        }

        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1024, m.Groups[2].Value);
    }

    [GeneratedRegex(@"MAXRSS_KB=(\d+) ELAPSED=([\d.]+)")]
    private static partial Regex Report();
}
