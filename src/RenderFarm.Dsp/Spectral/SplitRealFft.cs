using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RenderFarm.Dsp.Spectral;

/// <summary>
/// The single-precision FFT of real input of a power-of-two size <c>N</c>, through a <see cref="SplitFft"/> of
/// size <c>N/2</c> (even samples as the real part, odd as the imaginary, the halves untangled after), and its
/// exact inverse (a round trip gives the input back). Bins 0 to <c>N/2</c>. Allocates nothing per call.
/// </summary>
public sealed class SplitRealFft
{
    private readonly SplitFft _half;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly float[] _zr;
    private readonly float[] _zi;

    public SplitRealFft(int size)
    {
        if (size < 8 || size > 1 << 21 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "real FFT size: accepted powers of two from 8 to 2097152");
        }

        Size = size;
        _half = new SplitFft(size / 2);
        _cos = new float[(size / 2) + 1];
        _sin = new float[(size / 2) + 1];
        for (var k = 0; k <= size / 2; k++)
        {
            _cos[k] = (float)Math.Cos(2 * Math.PI * k / size);
            _sin[k] = (float)-Math.Sin(2 * Math.PI * k / size);
        }

        _zr = new float[size / 2];
        _zi = new float[size / 2];
    }

    public int Size { get; }

    /// <summary>Bins: <see cref="Size"/>/2 + 1.</summary>
    public int Bins => (Size / 2) + 1;

    /// <summary>Bins 0 to N/2 of the transform of <paramref name="input"/> (N values) into <paramref name="re"/> and <paramref name="im"/>.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> re, Span<float> im)
    {
        var half = Size / 2;
        Check(input.Length, re.Length, im.Length);
        ref var x = ref MemoryMarshal.GetReference(input);
        ref var zr = ref MemoryMarshal.GetArrayDataReference(_zr);
        ref var zi = ref MemoryMarshal.GetArrayDataReference(_zi);
        for (var m = 0; m < half; m++)
        {
            Unsafe.Add(ref zr, m) = Unsafe.Add(ref x, 2 * m);
            Unsafe.Add(ref zi, m) = Unsafe.Add(ref x, (2 * m) + 1);
        }

        _half.Forward(_zr, _zi);
        for (var k = 0; k <= half; k++)
        {
            // E = (Z[k] + conj Z[N/2-k]) / 2 (the even samples' transform), O = (Z[k] - conj Z[N/2-k]) / 2i (the odd's).
            var a = k == half ? 0 : k;
            var b = k == 0 ? 0 : half - k;
            var er = (_zr[a] + _zr[b]) * 0.5f;
            var ei = (_zi[a] - _zi[b]) * 0.5f;
            var or = (_zi[a] + _zi[b]) * 0.5f;
            var oi = (_zr[b] - _zr[a]) * 0.5f;
            var wr = _cos[k];
            var wi = _sin[k];
            re[k] = er + ((or * wr) - (oi * wi));
            im[k] = ei + ((or * wi) + (oi * wr));
        }
    }

    /// <summary>The N real samples whose bins 0 to N/2 are <paramref name="re"/> and <paramref name="im"/>, into <paramref name="output"/>.</summary>
    public void Inverse(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> output)
    {
        var half = Size / 2;
        Check(output.Length, re.Length, im.Length);
        var scale = 1.0f / Size;
        for (var k = 0; k < half; k++)
        {
            // E = (X[k] + conj X[N/2-k]) / 2, O = (X[k] - conj X[N/2-k]) / 2 · e^(2 pi i k / N); Z = E + i O.
            var b = half - k;
            var er = re[k] + re[b];
            var ei = im[k] - im[b];
            var dr = re[k] - re[b];
            var di = im[k] + im[b];
            var wr = _cos[k];
            var wi = -_sin[k];
            var or = (dr * wr) - (di * wi);
            var oi = (dr * wi) + (di * wr);
            _zr[k] = (er - oi) * scale;
            _zi[k] = (ei + or) * scale;
        }

        _half.Inverse(_zr, _zi);
        ref var x = ref MemoryMarshal.GetReference(output);
        ref var zr = ref MemoryMarshal.GetArrayDataReference(_zr);
        ref var zi = ref MemoryMarshal.GetArrayDataReference(_zi);
        for (var m = 0; m < half; m++)
        {
            Unsafe.Add(ref x, 2 * m) = Unsafe.Add(ref zr, m);
            Unsafe.Add(ref x, (2 * m) + 1) = Unsafe.Add(ref zi, m);
        }
    }

    private void Check(int samples, int re, int im)
    {
        if (samples != Size || re < Bins || im < Bins)
        {
            throw new ArgumentException($"the real FFT takes {Size} samples and {Bins} bins", nameof(samples));
        }
    }
}
