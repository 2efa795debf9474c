namespace RenderFarm.Dsp.Filters;

/// <summary>
/// A second-order IIR section applied to every channel, direct form I with double-precision state
/// (robust for low cut-offs at high sample rates, where float state would add audible noise).
/// </summary>
public sealed class BiquadFilter : IAudioProcessor
{
    private const int WideChunk = 1024;

    private BiquadCoefficients _coefficients;
    private double[] _state = [];

    // Samples are widened to double before the recursion and narrowed after: converting inside the loop
    // chains every sample's conversion to the previous sample's result (cvtss2sd merges its destination).
    private double[] _wide = [];
    private int _channels;

    public BiquadFilter(BiquadCoefficients coefficients)
    {
        SetCoefficients(coefficients);
    }

    public BiquadCoefficients Coefficients => _coefficients;

    /// <summary>Replaces the coefficients without clearing the state (for parameter changes between blocks).</summary>
    public void SetCoefficients(BiquadCoefficients coefficients)
    {
        if (!coefficients.IsStable || !double.IsFinite(coefficients.B0 + coefficients.B1 + coefficients.B2))
        {
            throw new ArgumentException($"biquad coefficients {coefficients} are not finite and stable", nameof(coefficients));
        }

        _coefficients = coefficients;
    }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _channels = spec.Channels;
        _state = new double[spec.Channels * 4];
        _wide = new double[2 * WideChunk];
    }

    public void Process(AudioBlock block)
    {
        if (block.Channels > _channels)
        {
            throw new InvalidOperationException($"prepared for {_channels} channels, given {block.Channels}");
        }

        // Channels go through in pairs: two independent recursions in one loop keep the core busy
        // while each waits on its own previous output.
        var c = 0;
        for (; c + 1 < block.Channels; c += 2)
        {
            var left = block[c];
            var right = block[c + 1];
            for (var done = 0; done < left.Length; done += WideChunk)
            {
                var n = Math.Min(WideChunk, left.Length - done);
                var a = _wide.AsSpan(0, n);
                var b = _wide.AsSpan(WideChunk, n);
                VectorMath.Widen(left.Slice(done, n), a);
                VectorMath.Widen(right.Slice(done, n), b);
                RunPair(a, b, _state.AsSpan(c * 4, 8));
                VectorMath.Narrow(a, left.Slice(done, n));
                VectorMath.Narrow(b, right.Slice(done, n));
            }
        }

        if (c < block.Channels)
        {
            var samples = block[c];
            for (var done = 0; done < samples.Length; done += WideChunk)
            {
                var n = Math.Min(WideChunk, samples.Length - done);
                var a = _wide.AsSpan(0, n);
                VectorMath.Widen(samples.Slice(done, n), a);
                Run(a, _state.AsSpan(c * 4, 4));
                VectorMath.Narrow(a, samples.Slice(done, n));
            }
        }
    }

    public void Reset() => Array.Clear(_state);

    /// <summary>Filters the first <paramref name="frames"/> samples of double-precision channel buffers in place (for chains that stay in double).</summary>
    internal void Process(double[][] channels, int frames)
    {
        var c = 0;
        for (; c + 1 < channels.Length; c += 2)
        {
            RunPair(channels[c].AsSpan(0, frames), channels[c + 1].AsSpan(0, frames), _state.AsSpan(c * 4, 8));
        }

        if (c < channels.Length)
        {
            Run(channels[c].AsSpan(0, frames), _state.AsSpan(c * 4, 4));
        }
    }

    private void Run(Span<double> samples, Span<double> state)
    {
        var (b0, b1, b2, a1, a2) = _coefficients;
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            var y = Math.FusedMultiplyAdd(-a1, y1, Math.FusedMultiplyAdd(-a2, y2, Math.FusedMultiplyAdd(b2, x2, Math.FusedMultiplyAdd(b1, x1, b0 * x))));
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            samples[i] = y;
        }

        state[0] = x1;
        state[1] = x2;
        state[2] = Denormals.Flush(y1);
        state[3] = Denormals.Flush(y2);
    }

    private void RunPair(Span<double> a, Span<double> b, Span<double> state)
    {
        var (b0, b1, b2, a1, a2) = _coefficients;
        double ax1 = state[0], ax2 = state[1], ay1 = state[2], ay2 = state[3];
        double bx1 = state[4], bx2 = state[5], by1 = state[6], by2 = state[7];
        for (var i = 0; i < a.Length; i++)
        {
            var ax = a[i];
            var bx = b[i];
            var ay = Math.FusedMultiplyAdd(-a1, ay1, Math.FusedMultiplyAdd(-a2, ay2, Math.FusedMultiplyAdd(b2, ax2, Math.FusedMultiplyAdd(b1, ax1, b0 * ax))));
            var by = Math.FusedMultiplyAdd(-a1, by1, Math.FusedMultiplyAdd(-a2, by2, Math.FusedMultiplyAdd(b2, bx2, Math.FusedMultiplyAdd(b1, bx1, b0 * bx))));
            ax2 = ax1;
            ax1 = ax;
            ay2 = ay1;
            ay1 = ay;
            bx2 = bx1;
            bx1 = bx;
            by2 = by1;
            by1 = by;
            a[i] = ay;
            b[i] = by;
        }

        state[0] = ax1;
        state[1] = ax2;
        state[2] = Denormals.Flush(ay1);
        state[3] = Denormals.Flush(ay2);
        state[4] = bx1;
        state[5] = bx2;
        state[6] = Denormals.Flush(by1);
        state[7] = Denormals.Flush(by2);
    }

}
