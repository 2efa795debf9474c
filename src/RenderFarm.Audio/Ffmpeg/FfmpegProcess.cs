using System.Diagnostics;
using System.Text;

namespace RenderFarm.Audio.Ffmpeg;

/// <summary>
/// A running ffmpeg streaming audio through its pipes: what it says on its error output is kept (up to 64 kB, for
/// the reason it gives when it fails), its standard output is drained when nothing reads it, and disposing it before
/// it ended kills it with its children.
/// </summary>
public sealed class FfmpegProcess : IDisposable
{
    private const int KeptErrors = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private FfmpegProcess(Process process, bool drainOutput)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_errors)
            {
                if (_errors.Length < KeptErrors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        if (drainOutput)
        {
            _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        }
    }

    /// <summary>What it reads from (with <c>redirectInput</c>).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>What it writes (unless drained).</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="program"/>; <paramref name="drainOutput"/> when its standard output is not read (it writes a file).</summary>
    public static FfmpegProcess Start(string program, IEnumerable<string> arguments, bool redirectInput, bool drainOutput) =>
        new(FfmpegTools.Start(program, arguments, redirectInput), drainOutput);

    /// <summary>The end of what it said on its error output (empty when it said nothing: at -v error, all went well).</summary>
    public string Errors()
    {
        lock (_errors)
        {
            return FfmpegTools.Tail(_errors.ToString());
        }
    }

    /// <summary>Waits for it to end, its error output read to the end; its exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits at most <paramref name="timeout"/>; whether it ended (its error output then read to the end).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
