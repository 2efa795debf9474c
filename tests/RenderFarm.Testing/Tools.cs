using System.Diagnostics;
using System.Text.Json;

namespace RenderFarm.Testing;

/// <summary>Runs the real command-line tools (ffmpeg, ffprobe, sox) from tests.</summary>
public static class Tools
{
    /// <summary>Runs a program and returns its standard output; throws with its error output when it fails.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 5 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result;
    }

    /// <summary>ffmpeg quietly, overwriting outputs.</summary>
    public static void Ffmpeg(params string[] arguments) => Run("ffmpeg", ["-nostdin", "-v", "error", "-y", .. arguments]);

    /// <summary>ffprobe's JSON for a file's first audio stream and format, with tags.</summary>
    public static JsonElement Probe(string path)
    {
        var json = Run("ffprobe", "-v", "error", "-show_streams", "-select_streams", "a:0", "-show_format", "-of", "json", path);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>The tags of a file as ffprobe reads them (container and first audio stream), names case-insensitive; the container's win.</summary>
    public static Dictionary<string, string> Tags(JsonElement probe)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in new[] { probe.GetProperty("format"), probe.GetProperty("streams")[0] })
        {
            if (source.TryGetProperty("tags", out var t))
            {
                foreach (var p in t.EnumerateObject())
                {
                    tags.TryAdd(p.Name, p.Value.GetString() ?? string.Empty);
                }
            }
        }

        return tags;
    }
}
