using System.Numerics;

namespace RenderFarm.Dsp.Dither;

/// <summary>
/// Reduces the word length to <c>bits</c> with TPDF dither of +-1 LSB (the sum of two independent uniform
/// values) and optional noise shaping. The output values lie exactly on the target grid, so a writer of
/// that bit depth stores them without further rounding. Dither happens once, at the final reduction.
/// The noise is a hash of the seed, the channel and the sample's position: the same input gives the same
/// output whatever the block sizes, on any machine.
/// </summary>
public sealed class Ditherer : IAudioProcessor
{
    private static readonly double[] FWeighted = [1.623, -0.982, 0.109];

    private readonly int _bits;
    private readonly NoiseShaping _shaping;
    private readonly ulong _seed;
    private long[] _position = [];
    private double[][] _errors = [];
    private long _clipped;

    // 0, 1, 2, ... in the lanes of a vector: each lane's sample index offset.
    private static readonly Vector<ulong> LaneIndices = new([.. Enumerable.Range(0, Vector<ulong>.Count).Select(l => (ulong)l)]);

    public Ditherer(int bits, NoiseShaping shaping = NoiseShaping.None, ulong seed = 0x9E3779B97F4A7C15)
    {
        Guard.InRange(bits, 8, 24, "dither bit depth", "bits");
        if (!Enum.IsDefined(shaping))
        {
            throw new ArgumentOutOfRangeException(nameof(shaping), shaping, "noise shaping must be none or f_weighted");
        }

        _bits = bits;
        _shaping = shaping;
        _seed = seed;
    }

    public int Bits => _bits;

    /// <summary>Samples that had to be clipped to the target's full scale.</summary>
    public long ClippedSamples => _clipped;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (_shaping != NoiseShaping.None && spec.SampleRate is not (44_100 or 48_000))
        {
            throw new ArgumentException($"noise shaping f_weighted is designed for 44.1 and 48 kHz, not {spec.SampleRate} Hz: use none", nameof(spec));
        }

        _position = new long[spec.Channels];
        _errors = Enumerable.Range(0, spec.Channels).Select(_ => new double[FWeighted.Length]).ToArray();
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_position);
        foreach (var e in _errors)
        {
            Array.Clear(e);
        }

        _clipped = 0;
    }

    public void Process(AudioBlock block)
    {
        for (var c = 0; c < block.Channels; c++)
        {
            var key = _seed ^ ((ulong)(c + 1) * 0xD1B54A32D192ED03UL);
            if (_shaping == NoiseShaping.None)
            {
                Flat(block[c], key, _position[c]);
            }
            else
            {
                Shaped(block[c], key, _position[c], _errors[c]);
            }

            _position[c] += block.Frames;
        }
    }

    private void Flat(Span<float> samples, ulong key, long position)
    {
        var scale = Math.ScaleB(1.0, _bits - 1);
        var inverse = 1.0 / scale;
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<double>.Count * 2 == Vector<float>.Count)
        {
            var vScale = new Vector<double>(scale);
            var vInverse = new Vector<double>(inverse);
            var top = new Vector<double>(scale - 1.0);
            var bottom = new Vector<double>(-scale);
            var one = Vector<double>.One;
            var lanes = LaneIndices;
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(samples[i..]), out var low, out var high);
                var index = new Vector<ulong>((ulong)(position + i)) + lanes;
                var qLow = Quantise(low, index, key);
                var qHigh = Quantise(high, index + new Vector<ulong>((ulong)Vector<double>.Count), key);
                Vector.Narrow(qLow * vInverse, qHigh * vInverse).CopyTo(samples[i..]);
            }

            Vector<double> Quantise(Vector<double> x, Vector<ulong> index, ulong k)
            {
                var q = Vector.Round((x * vScale) + Tpdf(index, k) - one);
                if (Vector.GreaterThanAny(q, top) || Vector.LessThanAny(q, bottom))
                {
                    for (var l = 0; l < Vector<double>.Count; l++)
                    {
                        _clipped += q[l] > scale - 1.0 || q[l] < -scale ? 1 : 0;
                    }

                    q = Vector.Min(Vector.Max(q, bottom), top);
                }

                return q;
            }
        }

        for (; i < samples.Length; i++)
        {
            var q = Math.Round((samples[i] * scale) + Tpdf((ulong)(position + i), key) - 1.0, MidpointRounding.ToEven);
            samples[i] = (float)(Clamp(q, scale) * inverse);
        }
    }

    private void Shaped(Span<float> samples, ulong key, long position, double[] e)
    {
        var scale = Math.ScaleB(1.0, _bits - 1);
        var inverse = 1.0 / scale;
        for (var i = 0; i < samples.Length; i++)
        {
            var v = (samples[i] * scale) - ((FWeighted[0] * e[0]) + (FWeighted[1] * e[1]) + (FWeighted[2] * e[2]));
            var q = Clamp(Math.Round(v + Tpdf((ulong)(position + i), key) - 1.0, MidpointRounding.ToEven), scale);
            e[2] = e[1];
            e[1] = e[0];
            e[0] = q - v;
            samples[i] = (float)(q * inverse);
        }
    }

    private double Clamp(double q, double scale)
    {
        if (q > scale - 1.0)
        {
            _clipped++;
            return scale - 1.0;
        }

        if (q < -scale)
        {
            _clipped++;
            return -scale;
        }

        return q;
    }

    // Two independent uniforms in [0, 1) from the two halves of a SplitMix64 hash; their sum is triangular on [0, 2).
    private static double Tpdf(ulong index, ulong key)
    {
        var z = Mix(index ^ key);
        return ((z >> 32) + (z & 0xFFFFFFFF)) * (1.0 / 4294967296.0);
    }

    private static Vector<double> Tpdf(Vector<ulong> index, ulong key)
    {
        var z = Mix(index ^ new Vector<ulong>(key));
        var high = Vector.ConvertToDouble(Vector.ShiftRightLogical(z, 32));
        var low = Vector.ConvertToDouble(z & new Vector<ulong>(0xFFFFFFFF));
        return (high + low) * new Vector<double>(1.0 / 4294967296.0);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static Vector<ulong> Mix(Vector<ulong> z)
    {
        z += new Vector<ulong>(0x9E3779B97F4A7C15UL);
        z = (z ^ Vector.ShiftRightLogical(z, 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector.ShiftRightLogical(z, 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ Vector.ShiftRightLogical(z, 31);
    }
}
