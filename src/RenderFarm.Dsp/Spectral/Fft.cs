namespace RenderFarm.Dsp.Spectral;

/// <summary>
/// An in-place radix-2 complex FFT of one power-of-two size, with its twiddle factors and bit-reversal
/// table computed once. Forward transform, no scaling.
/// </summary>
public sealed class Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _reverse;

    public Fft(int size)
    {
        if (size < 2 || size > 1 << 20 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size: accepted powers of two from 2 to 1048576");
        }

        Size = size;
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (var i = 0; i < size / 2; i++)
        {
            _cos[i] = Math.Cos(2 * Math.PI * i / size);
            _sin[i] = -Math.Sin(2 * Math.PI * i / size);
        }

        _reverse = new int[size];
        var bits = System.Numerics.BitOperations.Log2((uint)size);
        for (var i = 0; i < size; i++)
        {
            _reverse[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }
    }

    public int Size { get; }

    /// <summary>Transforms <paramref name="re"/> + i·<paramref name="im"/> (each <see cref="Size"/> long) in place.</summary>
    public void Forward(Span<double> re, Span<double> im)
    {
        if (re.Length != Size || im.Length != Size)
        {
            throw new ArgumentException($"the FFT needs {Size} real and {Size} imaginary values", nameof(re));
        }

        for (var i = 0; i < Size; i++)
        {
            var j = _reverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var half = 1; half < Size; half <<= 1)
        {
            var step = Size / (half * 2);
            for (var start = 0; start < Size; start += half * 2)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * step];
                    var wi = _sin[k * step];
                    var a = start + k;
                    var b = a + half;
                    var tr = (re[b] * wr) - (im[b] * wi);
                    var ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /// <summary><paramref name="v"/> with its 32 bits in reverse order.</summary>
    internal static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
