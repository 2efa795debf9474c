using RenderFarm.Dsp;

namespace RenderFarm.Restoration;

/// <summary>
/// The input kept for as long as a chain delays it (a ring of planar frames), so that each output frame can be
/// compared with the input frame it came from: first in, first compared.
/// </summary>
internal sealed class DelayedInput
{
    private readonly float[][] _ring;
    private readonly int _capacity;
    private long _pushed;
    private long _popped;

    public DelayedInput(int channels, int capacity)
    {
        _capacity = capacity;
        _ring = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            _ring[c] = new float[capacity];
        }
    }

    public void Push(AudioBlock block)
    {
        if (_pushed - _popped + block.Frames > _capacity)
        {
            throw new InvalidOperationException($"the delayed input holds {_capacity} frames; {_pushed - _popped + block.Frames} asked");
        }

        for (var i = 0; i < block.Frames; i++)
        {
            var slot = (int)((_pushed + i) % _capacity);
            for (var c = 0; c < _ring.Length; c++)
            {
                _ring[c][slot] = block[c][i];
            }
        }

        _pushed += block.Frames;
    }

    /// <summary>Adds the energy of the next input frames to <paramref name="signal"/> and of their difference from <paramref name="output"/> to <paramref name="difference"/>.</summary>
    public void Compare(AudioBlock output, ref double signal, ref double difference)
    {
        for (var i = 0; i < output.Frames; i++)
        {
            var slot = (int)((_popped + i) % _capacity);
            for (var c = 0; c < _ring.Length; c++)
            {
                double x = _ring[c][slot];
                var d = output[c][i] - x;
                signal += x * x;
                difference += d * d;
            }
        }

        _popped += output.Frames;
    }
}
