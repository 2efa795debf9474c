using System.Diagnostics;

namespace RenderFarm.Cli.Tests;

/// <summary>The renderfarm binary run as a process, as a user runs it: its exit code and what it printed.</summary>
internal static class CliProcess
{
    public static (int Exit, string Output) Run(params string[] arguments)
    {
        var (exit, output, _) = RunWithErrors(arguments);
        return (exit, output);
    }

    public static (int Exit, string Output, string Errors) RunWithErrors(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "renderfarm.dll"));
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
