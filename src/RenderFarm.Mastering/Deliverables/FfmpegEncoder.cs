using System.Runtime.InteropServices;
using RenderFarm.Audio;
using RenderFarm.Audio.Ffmpeg;
using RenderFarm.Dsp;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>
/// Streams float audio into an ffmpeg process that encodes it: a pipe in, a file out under a temporary
/// name, moved to its own name once ffmpeg has finished without complaint.
/// </summary>
internal sealed class FfmpegEncoder : IDisposable
{
    private readonly FfmpegProcess _process;
    private readonly Stream _input;
    private readonly string _path;
    private readonly string _temporary;
    private readonly int _channels;
    private byte[] _interleaved = [];
    private bool _done;

    public FfmpegEncoder(string path, int sampleRate, int channels, IReadOnlyList<string> encoding)
    {
        _path = path;
        _channels = channels;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        _temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            "-f", "f32le", "-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-ac", channels.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "pipe:0",
            // bitexact: no random Ogg serial numbers or version strings, so the same job gives the same bytes.
            .. encoding, "-fflags", "+bitexact", "-flags:a", "+bitexact", FfmpegTools.FileArgument(_temporary),
        ];
        _process = FfmpegProcess.Start(FfmpegTools.Ffmpeg(path), arguments, redirectInput: true, drainOutput: true);
        _input = _process.Input;
    }

    public void Write(AudioBlock block)
    {
        var count = block.Frames * _channels;
        if (_interleaved.Length < count * sizeof(float))
        {
            _interleaved = new byte[count * sizeof(float)];
        }

        var samples = MemoryMarshal.Cast<byte, float>(_interleaved.AsSpan(0, count * sizeof(float)));
        for (var c = 0; c < _channels; c++)
        {
            var src = block[c];
            for (var i = 0; i < src.Length; i++)
            {
                samples[(i * _channels) + c] = src[i];
            }
        }

        try
        {
            _input.Write(_interleaved, 0, count * sizeof(float));
        }
        catch (IOException e)
        {
            // ffmpeg went away: what it said on the way out is the reason (a full disk, most often).
            _process.WaitForExit(TimeSpan.FromSeconds(5));
            throw Failure($"ffmpeg stopped taking audio ({e.Message}): {_process.Errors()}", e);
        }
    }

    public void Complete()
    {
        _input.Close();
        var exit = _process.WaitForExit();
        var errors = _process.Errors();
        if (exit != 0 || errors.Length > 0)
        {
            throw Failure($"ffmpeg failed to encode (exit code {exit}): {errors}", null);
        }

        File.Move(_temporary, _path, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        _process.Dispose();
        if (!_done)
        {
            File.Delete(_temporary);
        }
    }

    // A full disk is the storage's fault, not the audio's: an IOException with ENOSPC's code, so the worker
    // says "disk full" and a later attempt may succeed; anything else is the encoder's failure.
    private Exception Failure(string problem, Exception? inner) =>
        problem.Contains("No space left on device", StringComparison.Ordinal) || problem.Contains("Disk quota exceeded", StringComparison.Ordinal)
            ? new IOException($"{_path}: {problem}", 28)
            : new AudioFileException(_path, "encoder", problem, inner);
}
