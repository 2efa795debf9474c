using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace RenderFarm.Audio.Ffmpeg;

/// <summary>Finds and runs the ffmpeg and ffprobe programs (Debian package ffmpeg).</summary>
public static class FfmpegTools
{
    private static readonly Lazy<string?> FfmpegPath = new(() => Find("ffmpeg"));
    private static readonly Lazy<string?> FfprobePath = new(() => Find("ffprobe"));

    public static bool IsAvailable => FfmpegPath.Value is not null && FfprobePath.Value is not null;

    /// <summary>ffmpeg's path, or an error naming the file that needed it.</summary>
    public static string Ffmpeg(string forPath) => FfmpegPath.Value ?? throw Missing(forPath, "ffmpeg");

    public static string Ffprobe(string forPath) => FfprobePath.Value ?? throw Missing(forPath, "ffprobe");

    /// <summary>
    /// A path for ffmpeg's command line that can only mean a local file: absolute, behind the file:
    /// protocol, so names such as "concat:..." or "-i" are never taken as options or protocols.
    /// </summary>
    public static string FileArgument(string path) => "file:" + Path.GetFullPath(path);

    /// <summary>Runs a tool to completion with a time limit; returns exit code, standard output and the tail of standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var process = Start(program, arguments, redirectInput: false);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, await output.ConfigureAwait(false), Tail(await error.ConfigureAwait(false)));
    }

    /// <summary>Starts a tool with its standard streams redirected (standard input only when asked).</summary>
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} could not be started");
    }

    /// <summary>The last lines of a tool's error output, enough to say what went wrong.</summary>
    public static string Tail(string text, int max = 600)
    {
        text = text.Trim();
        return text.Length <= max ? text : "..." + text[^max..];
    }

    private static string? Find(string name)
    {
        var configured = Environment.GetEnvironmentVariable($"RENDERFARM_{name.ToUpperInvariant()}");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static AudioFileException Missing(string path, string tool) =>
        new(path, "decoder", $"{tool} is not installed, and this format needs it (install the Debian package ffmpeg)");

    /// <summary>
    /// Runs ffprobe on <paramref name="path"/> with <paramref name="arguments"/> (the file argument is added) and
    /// parses its JSON; a timeout or a failure throws <see cref="AudioFileException"/> naming the file and <paramref name="field"/>.
    /// </summary>
    internal static JsonDocument ProbeJson(string path, IEnumerable<string> arguments, string field, TimeSpan timeout)
    {
        (int ExitCode, string Output, string Error) result;
        try
        {
            result = RunAsync(Ffprobe(path), [.. arguments, FileArgument(path)], timeout).GetAwaiter().GetResult();
        }
        catch (TimeoutException e)
        {
            throw new AudioFileException(path, field, e.Message, e);
        }

        if (result.ExitCode != 0)
        {
            var why = string.IsNullOrWhiteSpace(result.Error) ? $"ffprobe exited with code {result.ExitCode}" : result.Error.Trim();
            throw new AudioFileException(path, field, $"not a readable media file: {why}");
        }

        return JsonDocument.Parse(result.Output);
    }
}
