using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Denoise;

/// <summary>
/// Cuts a stream into frames of <see cref="ShortTimeSpectrum"/>'s size at a hop of half a frame (the first frame
/// half silence before the input) for the first pass's spectral measurements, handing each frame's channels to a
/// callback. Memory is one frame per channel; nothing is allocated per block.
/// </summary>
internal sealed class HalfOverlapFrames
{
    private readonly float[][] _input;
    private readonly Action<float[][]> _frame;
    private int _filled;

    /// <param name="channels">The channels kept (the first ones of each block).</param>
    /// <param name="size">The frame length.</param>
    /// <param name="frame">Told each frame, its channels' samples in order (valid until it returns).</param>
    public HalfOverlapFrames(int channels, int size, Action<float[][]> frame)
    {
        _input = [.. Enumerable.Range(0, channels).Select(_ => new float[size])];
        _frame = frame;
        Hop = size / 2;
        _filled = Hop;
    }

    public int Hop { get; }

    public void Add(AudioBlock block)
    {
        var size = _input[0].Length;
        for (var done = 0; done < block.Frames;)
        {
            var n = Math.Min(size - _filled, block.Frames - done);
            for (var c = 0; c < _input.Length; c++)
            {
                block[c].Slice(done, n).CopyTo(_input[c].AsSpan(_filled));
            }

            _filled += n;
            done += n;
            if (_filled == size)
            {
                _frame(_input);
                foreach (var channel in _input)
                {
                    channel.AsSpan(Hop).CopyTo(channel);
                }

                _filled -= Hop;
            }
        }
    }
}
