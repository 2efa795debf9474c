namespace RenderFarm.Dsp.Dither;

/// <summary>
/// Reduces the word length to <c>bits</c> with TPDF dither of +-1 LSB (the sum of two independent uniform
/// values) and optional noise shaping. The output values lie exactly on the target grid, so a writer of
/// that bit depth stores them without further rounding. Dither happens once, at the final reduction.
/// The noise is pseudo-random from a fixed seed: the same input always gives the same output.
/// </summary>
public sealed class Ditherer : IAudioProcessor
{
    private static readonly double[] FWeighted = [1.623, -0.982, 0.109];

    private readonly int _bits;
    private readonly NoiseShaping _shaping;
    private readonly ulong _seed;
    private ulong[] _random = [];
    private double[][] _errors = [];

    public Ditherer(int bits, NoiseShaping shaping = NoiseShaping.None, ulong seed = 0x9E3779B97F4A7C15)
    {
        Guard.InRange(bits, 8, 24, "dither bit depth", "bits");
        if (!Enum.IsDefined(shaping))
        {
            throw new ArgumentOutOfRangeException(nameof(shaping), shaping, "noise shaping must be none or f_weighted");
        }

        _bits = bits;
        _shaping = shaping;
        _seed = seed == 0 ? 1 : seed;
    }

    public int Bits => _bits;

    /// <summary>Samples that had to be clipped to the target's full scale.</summary>
    public long ClippedSamples { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (_shaping != NoiseShaping.None && spec.SampleRate is not (44_100 or 48_000))
        {
            throw new ArgumentException($"noise shaping f_weighted is designed for 44.1 and 48 kHz, not {spec.SampleRate} Hz: use none", nameof(spec));
        }

        _random = new ulong[spec.Channels];
        _errors = Enumerable.Range(0, spec.Channels).Select(_ => new double[FWeighted.Length]).ToArray();
        Reset();
    }

    public void Reset()
    {
        for (var c = 0; c < _random.Length; c++)
        {
            _random[c] = _seed + ((ulong)c * 0xD1B54A32D192ED03);
            Array.Clear(_errors[c]);
        }

        ClippedSamples = 0;
    }

    public void Process(AudioBlock block)
    {
        var scale = Math.ScaleB(1.0, _bits - 1);
        var inverse = 1.0 / scale;
        var shaped = _shaping == NoiseShaping.FWeighted;
        for (var c = 0; c < block.Channels; c++)
        {
            var samples = block[c];
            var state = _random[c];
            var e = _errors[c];
            for (var i = 0; i < samples.Length; i++)
            {
                var v = samples[i] * scale;
                if (shaped)
                {
                    v -= (FWeighted[0] * e[0]) + (FWeighted[1] * e[1]) + (FWeighted[2] * e[2]);
                }

                var dither = Uniform(ref state) + Uniform(ref state) - 1.0;
                var q = Math.Round(v + dither, MidpointRounding.ToEven);
                if (q > scale - 1.0)
                {
                    q = scale - 1.0;
                    ClippedSamples++;
                }
                else if (q < -scale)
                {
                    q = -scale;
                    ClippedSamples++;
                }

                if (shaped)
                {
                    e[2] = e[1];
                    e[1] = e[0];
                    e[0] = q - v;
                }

                samples[i] = (float)(q * inverse);
            }

            _random[c] = state;
        }
    }

    // xorshift64*: fast, and the same sequence on every machine.
    private static double Uniform(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return ((state * 0x2545F4914F6CDD1DUL) >> 11) * (1.0 / (1UL << 53));
    }
}
