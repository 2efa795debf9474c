namespace RenderFarm.Dsp.Filters;

/// <summary>
/// A second-order IIR section applied to every channel, direct form I with double-precision state
/// (robust for low cut-offs at high sample rates, where float state would add audible noise).
/// </summary>
public sealed class BiquadFilter : IAudioProcessor
{
    // Below this the state is flushed to zero so that decaying tails never reach subnormal numbers.
    private const double FlushThreshold = 1e-30;

    private BiquadCoefficients _coefficients;
    private double[] _state = [];
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
    }

    public void Process(AudioBlock block)
    {
        if (block.Channels > _channels)
        {
            throw new InvalidOperationException($"prepared for {_channels} channels, given {block.Channels}");
        }

        for (var c = 0; c < block.Channels; c++)
        {
            Run(block[c], _state.AsSpan(c * 4, 4));
        }
    }

    public void Reset() => Array.Clear(_state);

    private void Run(Span<float> samples, Span<double> state)
    {
        var (b0, b1, b2, a1, a2) = _coefficients;
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (var i = 0; i < samples.Length; i++)
        {
            double x = samples[i];
            var y = (b0 * x) + (b1 * x1) + (b2 * x2) - (a2 * y2) - (a1 * y1);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            samples[i] = (float)y;
        }

        state[0] = x1;
        state[1] = x2;
        state[2] = Math.Abs(y1) < FlushThreshold ? 0.0 : y1;
        state[3] = Math.Abs(y2) < FlushThreshold ? 0.0 : y2;
    }
}
