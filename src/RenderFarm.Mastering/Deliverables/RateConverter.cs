using RenderFarm.Dsp;
using RenderFarm.Dsp.Resampling;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>
/// A deliverable's private copy of the master at its own rate: resampled when the rates differ, copied
/// when not. What it hands on may be changed in place (dither) without touching the shared master.
/// </summary>
internal sealed class RateConverter
{
    private readonly Resampler? _resampler;
    private readonly AudioBuffer _output;

    public RateConverter(int fromRate, int toRate, int channels, int blockFrames)
    {
        _resampler = fromRate == toRate ? null : new Resampler(fromRate, toRate, channels, blockFrames);
        MaxOutputFrames = _resampler?.MaxOutputFrames(blockFrames) ?? blockFrames;
        _output = new AudioBuffer(channels, MaxOutputFrames);
    }

    /// <summary>Frames handed on in all for <paramref name="inputFrames"/> frames in.</summary>
    public long OutputLength(long inputFrames) => _resampler?.OutputLength(inputFrames) ?? inputFrames;

    /// <summary>The largest block this converter hands on.</summary>
    public int MaxOutputFrames { get; }

    public void Write(AudioBlock block, Action<AudioBlock> next)
    {
        if (_resampler is null)
        {
            block.CopyTo(_output.AsBlock(block.Frames));
            next(_output.AsBlock(block.Frames));
            return;
        }

        var n = _resampler.Process(block, _output.AsBlock());
        if (n > 0)
        {
            next(_output.AsBlock(n));
        }
    }

    public void Flush(Action<AudioBlock> next)
    {
        if (_resampler is null)
        {
            return;
        }

        int n;
        while ((n = _resampler.Flush(_output.AsBlock())) > 0)
        {
            next(_output.AsBlock(n));
        }
    }
}
