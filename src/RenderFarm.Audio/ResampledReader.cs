using RenderFarm.Dsp;
using RenderFarm.Dsp.Resampling;

namespace RenderFarm.Audio;

/// <summary>
/// Reads another reader's audio at a different sample rate, converted on the fly by the mastering-grade
/// <see cref="Resampler"/> (aligned: output frame n is at the time of input frame n * in / out). It
/// streams: a block of input at a time, whatever the file's length. Disposing it disposes the source.
/// </summary>
public sealed class ResampledReader : IAudioReader
{
    private const int InputBlock = 8192;
    private readonly IAudioReader _source;
    private readonly Resampler _resampler;
    private readonly AudioBuffer _input;
    private readonly AudioBuffer _pending;
    private int _pendingStart;
    private int _pendingCount;
    private bool _sourceDone;

    public ResampledReader(IAudioReader source, int outputRate)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        var info = source.Info;
        _resampler = new Resampler(info.SampleRate, outputRate, info.Channels, InputBlock);
        _input = new AudioBuffer(info.Channels, InputBlock);
        _pending = new AudioBuffer(info.Channels, _resampler.MaxOutputFrames(InputBlock));
        Info = info with { SampleRate = outputRate, Frames = info.Frames is { } frames ? _resampler.OutputLength(frames) : null };
    }

    public AudioStreamInfo Info { get; }

    public long Position { get; private set; }

    public int Read(AudioBlock destination)
    {
        var done = 0;
        while (done < destination.Frames)
        {
            if (_pendingCount == 0 && !Refill())
            {
                break;
            }

            var n = Math.Min(_pendingCount, destination.Frames - done);
            _pending.AsBlock().Slice(_pendingStart, n).CopyTo(destination.Slice(done, n));
            _pendingStart += n;
            _pendingCount -= n;
            done += n;
        }

        Position += done;
        return done;
    }

    public int Read(double[][] destination, int offset, int frames) =>
        throw new NotSupportedException("a resampled stream is read in single precision");

    public void Dispose() => _source.Dispose();

    private bool Refill()
    {
        _pendingStart = 0;
        if (_sourceDone)
        {
            _pendingCount = _resampler.Flush(_pending.AsBlock());
            return _pendingCount > 0;
        }

        var n = _source.Read(_input.AsBlock());
        if (n == 0)
        {
            _sourceDone = true;
            return Refill();
        }

        _pendingCount = _resampler.Process(_input.AsBlock(n), _pending.AsBlock());
        return true;
    }
}
