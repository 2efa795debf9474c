using RenderFarm.Dsp;

namespace RenderFarm.Restoration;

/// <summary>
/// The streaming shape of a repair that works a frame at a time: input goes into a buffer per channel that
/// keeps history before the frame being repaired and look-ahead after it; once a frame's look-ahead is in,
/// each channel's frame is handed to <see cref="RepairFrame"/> (which may also change the look-ahead and, for
/// a repair reaching back, the history), and samples one frame and the look-ahead behind the input go out.
/// Output lags input by <see cref="LatencyFrames"/>; memory is fixed at <see cref="Prepare"/>; nothing is
/// allocated per block.
/// </summary>
public abstract class FrameRepair : IAudioProcessor
{
    private float[][] _x = [];
    private int _history;
    private int _count;
    private bool _prepared;

    /// <summary>Output lags input by one frame and the look-ahead.</summary>
    public int LatencyFrames => Frame + Ahead;

    /// <summary>Frames a repair works on at a time.</summary>
    protected int Frame { get; private set; }

    /// <summary>Samples after the frame that must be in before it is repaired.</summary>
    protected int Ahead { get; private set; }

    /// <summary>The index in a channel's buffer of the frame's first sample.</summary>
    protected int FrameAt { get; private set; }

    /// <summary>The input frame (from 0) at index 0 of the buffers.</summary>
    protected long Base { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        var (frame, ahead, before) = Layout(spec);
        Frame = frame;
        Ahead = ahead;
        // Two frames of history besides what the repair reads before its frame: the output is read up to
        // two frames behind the frame being repaired.
        _history = (2 * frame) + ahead + before;
        var length = _history + (3 * frame) + ahead;
        _x = new float[spec.Channels][];
        for (var c = 0; c < spec.Channels; c++)
        {
            _x[c] = new float[length];
        }

        _prepared = true;
        Reset();
    }

    public void Reset()
    {
        foreach (var channel in _x)
        {
            Array.Clear(channel);
        }

        _count = _history;
        FrameAt = _history;
        Base = -_history;
        OnReset();
    }

    public void Process(AudioBlock block)
    {
        if (!_prepared)
        {
            throw new InvalidOperationException($"Prepare the {GetType().Name} before processing");
        }

        var delay = LatencyFrames;
        for (var done = 0; done < block.Frames;)
        {
            if (FrameAt - Frame >= _history)
            {
                Shift();
            }

            var n = Math.Min(Frame, block.Frames - done);
            for (var c = 0; c < block.Channels; c++)
            {
                block[c].Slice(done, n).CopyTo(_x[c].AsSpan(_count));
            }

            _count += n;
            while (_count >= FrameAt + Frame + Ahead)
            {
                for (var c = 0; c < block.Channels; c++)
                {
                    RepairFrame(c, _x[c]);
                }

                FrameAt += Frame;
            }

            // The samples `delay` frames behind the input are final.
            var from = _count - n - delay;
            for (var c = 0; c < block.Channels; c++)
            {
                _x[c].AsSpan(from, n).CopyTo(block[c].Slice(done, n));
            }

            done += n;
        }
    }

    /// <summary>
    /// The frame length, the look-ahead after it and the history before it that the repair reads, for
    /// <paramref name="spec"/>; the place to size the repair's own scratch.
    /// </summary>
    protected abstract (int Frame, int Ahead, int Before) Layout(AudioSpec spec);

    /// <summary>Repairs <paramref name="x"/>[<see cref="FrameAt"/>..+<see cref="Frame"/>) of one channel in place.</summary>
    protected abstract void RepairFrame(int channel, float[] x);

    /// <summary>Clears what the repair counted.</summary>
    protected abstract void OnReset();

    private void Shift()
    {
        foreach (var channel in _x)
        {
            channel.AsSpan(Frame, _count - Frame).CopyTo(channel);
        }

        _count -= Frame;
        FrameAt -= Frame;
        Base += Frame;
    }
}
