using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RenderFarm.Dsp.Spectral;

/// <summary>
/// A single-precision complex FFT of one power-of-two size on split arrays (real parts in one span,
/// imaginary in another), in place, radix-2 with each stage's twiddle factors stored contiguously so that
/// the butterflies of the wide stages run as SIMD vectors. For the short-time spectra of the de-noiser and
/// the like, where a frame is transformed hundreds of times a second per channel; the double-precision
/// <see cref="Fft"/> stays for analysis that needs its precision. Forward is unscaled (<c>e^-i</c>);
/// <see cref="Inverse"/> is unscaled as well (it returns <see cref="Size"/> times the input of a round trip).
/// </summary>
public sealed class SplitFft
{
    private readonly int[] _swapFrom;
    private readonly int[] _swapTo;
    private readonly float[][] _cos;
    private readonly float[][] _sin;

    public SplitFft(int size)
    {
        if (size < 4 || size > 1 << 20 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size: accepted powers of two from 4 to 1048576");
        }

        Size = size;
        var bits = BitOperations.Log2((uint)size);
        var from = new List<int>();
        var to = new List<int>();
        for (var i = 0; i < size; i++)
        {
            var j = (int)(Fft.ReverseBits((uint)i) >> (32 - bits));
            if (j > i)
            {
                from.Add(i);
                to.Add(j);
            }
        }

        _swapFrom = [.. from];
        _swapTo = [.. to];

        // Stage s joins pairs of transforms of length `half` = 2^s; its twiddles are e^(-i pi k / half).
        _cos = new float[bits][];
        _sin = new float[bits][];
        for (var s = 0; s < bits; s++)
        {
            var half = 1 << s;
            _cos[s] = new float[half];
            _sin[s] = new float[half];
            for (var k = 0; k < half; k++)
            {
                _cos[s][k] = (float)Math.Cos(Math.PI * k / half);
                _sin[s][k] = (float)-Math.Sin(Math.PI * k / half);
            }
        }
    }

    public int Size { get; }

    /// <summary>Transforms <paramref name="re"/> + i·<paramref name="im"/> (each <see cref="Size"/> long) in place.</summary>
    public void Forward(Span<float> re, Span<float> im)
    {
        if (re.Length != Size || im.Length != Size)
        {
            throw new ArgumentException($"the FFT needs {Size} real and {Size} imaginary values", nameof(re));
        }

        Transform(re, im);
    }

    /// <summary>The inverse transform in place, unscaled: a round trip multiplies by <see cref="Size"/>.</summary>
    public void Inverse(Span<float> re, Span<float> im)
    {
        if (re.Length != Size || im.Length != Size)
        {
            throw new ArgumentException($"the FFT needs {Size} real and {Size} imaginary values", nameof(re));
        }

        // The inverse DFT is the forward one with real and imaginary parts exchanged, in and out.
        Transform(im, re);
    }

    private void Transform(Span<float> re, Span<float> im)
    {
        ref var r = ref MemoryMarshal.GetReference(re);
        ref var i = ref MemoryMarshal.GetReference(im);
        for (var n = 0; n < _swapFrom.Length; n++)
        {
            var a = _swapFrom[n];
            var b = _swapTo[n];
            (Unsafe.Add(ref r, a), Unsafe.Add(ref r, b)) = (Unsafe.Add(ref r, b), Unsafe.Add(ref r, a));
            (Unsafe.Add(ref i, a), Unsafe.Add(ref i, b)) = (Unsafe.Add(ref i, b), Unsafe.Add(ref i, a));
        }

        // The first two stages together, as radix-4 butterflies without multiplications.
        for (var a = 0; a < Size; a += 4)
        {
            float r0 = Unsafe.Add(ref r, a), i0 = Unsafe.Add(ref i, a);
            float r1 = Unsafe.Add(ref r, a + 1), i1 = Unsafe.Add(ref i, a + 1);
            float r2 = Unsafe.Add(ref r, a + 2), i2 = Unsafe.Add(ref i, a + 2);
            float r3 = Unsafe.Add(ref r, a + 3), i3 = Unsafe.Add(ref i, a + 3);
            float s0r = r0 + r1, s0i = i0 + i1, d0r = r0 - r1, d0i = i0 - i1;
            float s1r = r2 + r3, s1i = i2 + i3, d1r = r2 - r3, d1i = i2 - i3;
            Unsafe.Add(ref r, a) = s0r + s1r;
            Unsafe.Add(ref i, a) = s0i + s1i;
            Unsafe.Add(ref r, a + 2) = s0r - s1r;
            Unsafe.Add(ref i, a + 2) = s0i - s1i;
            // The odd output's twiddle is -i: (d1r + i d1i)(-i) = d1i - i d1r.
            Unsafe.Add(ref r, a + 1) = d0r + d1i;
            Unsafe.Add(ref i, a + 1) = d0i - d1r;
            Unsafe.Add(ref r, a + 3) = d0r - d1i;
            Unsafe.Add(ref i, a + 3) = d0i + d1r;
        }

        var width = Vector<float>.Count;
        for (var s = 2; s < _cos.Length; s++)
        {
            var half = 1 << s;
            ref var wr = ref MemoryMarshal.GetArrayDataReference(_cos[s]);
            ref var wi = ref MemoryMarshal.GetArrayDataReference(_sin[s]);
            for (var start = 0; start < Size; start += 2 * half)
            {
                var k = 0;
                if (half >= width)
                {
                    for (; k < half; k += width)
                    {
                        var a = (nuint)(start + k);
                        var b = a + (nuint)half;
                        var cr = Vector.LoadUnsafe(ref wr, (nuint)k);
                        var ci = Vector.LoadUnsafe(ref wi, (nuint)k);
                        var br = Vector.LoadUnsafe(ref r, b);
                        var bi = Vector.LoadUnsafe(ref i, b);
                        var tr = (br * cr) - (bi * ci);
                        var ti = (br * ci) + (bi * cr);
                        var ar = Vector.LoadUnsafe(ref r, a);
                        var ai = Vector.LoadUnsafe(ref i, a);
                        (ar - tr).StoreUnsafe(ref r, b);
                        (ai - ti).StoreUnsafe(ref i, b);
                        (ar + tr).StoreUnsafe(ref r, a);
                        (ai + ti).StoreUnsafe(ref i, a);
                    }
                }

                for (; k < half; k++)
                {
                    var a = start + k;
                    var b = a + half;
                    float cr = Unsafe.Add(ref wr, k), ci = Unsafe.Add(ref wi, k);
                    float br = Unsafe.Add(ref r, b), bi = Unsafe.Add(ref i, b);
                    var tr = (br * cr) - (bi * ci);
                    var ti = (br * ci) + (bi * cr);
                    float ar = Unsafe.Add(ref r, a), ai = Unsafe.Add(ref i, a);
                    Unsafe.Add(ref r, b) = ar - tr;
                    Unsafe.Add(ref i, b) = ai - ti;
                    Unsafe.Add(ref r, a) = ar + tr;
                    Unsafe.Add(ref i, a) = ai + ti;
                }
            }
        }
    }
}
