namespace RenderFarm.Dsp.Spectral;

/// <summary>
/// The FFT of real input of a power-of-two size <c>N</c> through a complex FFT of size <c>N/2</c>: even samples
/// as the real part, odd as the imaginary, then the two halves untangled. Gives bins 0 to <c>N/2</c>; half
/// the work of a complex FFT of the real signal.
/// </summary>
public sealed class RealFft
{
    private readonly Fft _half;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _zr;
    private readonly double[] _zi;

    public RealFft(int size)
    {
        if (size < 4 || size > 1 << 21 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "real FFT size: accepted powers of two from 4 to 2097152");
        }

        Size = size;
        _half = new Fft(size / 2);
        _cos = new double[(size / 2) + 1];
        _sin = new double[(size / 2) + 1];
        for (var k = 0; k <= size / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / size);
            _sin[k] = -Math.Sin(2 * Math.PI * k / size);
        }

        _zr = new double[size / 2];
        _zi = new double[size / 2];
    }

    public int Size { get; }

    /// <summary>Bins 0 to N/2 of the transform of <paramref name="input"/> (N values) into <paramref name="re"/> and <paramref name="im"/> (N/2 + 1 each).</summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> re, Span<double> im)
    {
        var half = Size / 2;
        if (input.Length != Size || re.Length < half + 1 || im.Length < half + 1)
        {
            throw new ArgumentException($"the real FFT takes {Size} values and gives {half + 1} bins", nameof(input));
        }

        for (var m = 0; m < half; m++)
        {
            _zr[m] = input[2 * m];
            _zi[m] = input[(2 * m) + 1];
        }

        _half.Forward(_zr, _zi);
        for (var k = 0; k <= half; k++)
        {
            // E = (Z[k] + conj Z[N/2-k]) / 2 (the even samples' transform), O = (Z[k] - conj Z[N/2-k]) / 2i (the odd's).
            var a = k % half;
            var b = (half - k) % half;
            var er = (_zr[a] + _zr[b]) / 2;
            var ei = (_zi[a] - _zi[b]) / 2;
            var or = (_zi[a] + _zi[b]) / 2;
            var oi = -(_zr[a] - _zr[b]) / 2;
            var wr = _cos[k];
            var wi = _sin[k];
            re[k] = er + ((or * wr) - (oi * wi));
            im[k] = ei + ((or * wi) + (oi * wr));
        }
    }
}
