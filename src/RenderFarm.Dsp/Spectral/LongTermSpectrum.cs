namespace RenderFarm.Dsp.Spectral;

/// <summary>
/// The long-term average spectrum of a programme in fractional-octave bands (the tonal balance a mastering
/// engineer compares before and after): the mid signal (mean of the channels) in Hann-windowed frames,
/// every <see cref="Stride"/>-th frame analysed, power summed per band and averaged over the frames.
/// A full-scale sine reads 0 dB in its band; pink noise reads flat. Memory is fixed: one frame and the bands.
/// </summary>
public sealed class LongTermSpectrum : IAudioMeter
{
    /// <summary>Bands per octave.</summary>
    public const int BandsPerOctave = 6;

    private const double LowestHz = 20.0;
    private const double HighestHz = 20_000.0;

    private readonly int _frameSize;
    private readonly RealFft _fft;
    private readonly double[] _window;
    private readonly double[] _windowed;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly float[] _frame;
    private double[] _bandPower = [];
    private double[] _centres = [];
    private (int First, int Last, double Weight)[] _bins = [];
    private readonly double _scale;
    private int _filled;
    private int _frameIndex;
    private long _framesAnalysed;
    private int _channels;

    /// <param name="frameSize">FFT length (a power of two); 8192 resolves 5.9 Hz at 48 kHz.</param>
    /// <param name="stride">Analyse one frame in this many (1 = every sample; 8, the default, an eighth of the programme: a 170 ms frame every 1.4 s at 48 kHz).</param>
    public LongTermSpectrum(int frameSize = 8192, int stride = 8)
    {
        Guard.InRange(stride, 1, 64, "spectrum stride", "frames");
        _fft = new RealFft(frameSize);
        _frameSize = frameSize;
        Stride = stride;
        _window = new double[frameSize];
        var windowPower = 0.0;
        for (var i = 0; i < frameSize; i++)
        {
            _window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / frameSize));
            windowPower += _window[i] * _window[i];
        }

        // Positive-frequency power of a full-scale sine: N * sum(w^2) / 4.
        _scale = 4.0 / (frameSize * windowPower);
        _windowed = new double[frameSize];
        _re = new double[(frameSize / 2) + 1];
        _im = new double[(frameSize / 2) + 1];
        _frame = new float[frameSize];
    }

    public int Stride { get; }

    /// <summary>The centre frequency of each band, in Hz.</summary>
    public IReadOnlyList<double> CentresHz => _centres;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _channels = spec.Channels;
        var nyquist = spec.SampleRate / 2.0;
        var binHz = (double)spec.SampleRate / _frameSize;
        var centres = new List<double>();
        var bins = new List<(int, int, double)>();
        for (var k = 0; ; k++)
        {
            var centre = LowestHz * Math.Pow(2, (double)k / BandsPerOctave);
            var upper = centre * Math.Pow(2, 0.5 / BandsPerOctave);
            if (centre > HighestHz * 1.01 || upper >= nyquist)
            {
                break;
            }

            var lower = centre / Math.Pow(2, 0.5 / BandsPerOctave);
            var first = (int)Math.Ceiling(lower / binHz);
            var last = (int)Math.Floor(upper / binHz) - (upper / binHz == Math.Floor(upper / binHz) ? 1 : 0);
            if (last < first)
            {
                // Narrower than a bin: the nearest bin's power, scaled by the share of it the band covers.
                var nearest = Math.Max(1, (int)Math.Round(centre / binHz));
                bins.Add((nearest, nearest, (upper - lower) / binHz));
            }
            else
            {
                bins.Add((Math.Max(first, 1), last, 1.0));
            }

            centres.Add(centre);
        }

        _centres = [.. centres];
        _bins = [.. bins];
        _bandPower = new double[_centres.Length];
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_bandPower);
        _filled = 0;
        _frameIndex = 0;
        _framesAnalysed = 0;
    }

    public void Add(AudioBlock block)
    {
        var i = 0;
        var gain = 1.0f / _channels;
        while (i < block.Frames)
        {
            var n = Math.Min(_frameSize - _filled, block.Frames - i);
            if (_frameIndex % Stride == 0)
            {
                var target = _frame.AsSpan(_filled, n);
                block[0].Slice(i, n).CopyTo(target);
                for (var c = 1; c < _channels; c++)
                {
                    VectorMath.Add(block[c].Slice(i, n), target);
                }

                if (_channels > 1)
                {
                    VectorMath.Scale(target, gain);
                }
            }

            _filled += n;
            i += n;
            if (_filled == _frameSize)
            {
                if (_frameIndex % Stride == 0)
                {
                    Analyse();
                }

                _filled = 0;
                _frameIndex++;
            }
        }
    }

    /// <summary>The average level in each band, in dB (a full-scale sine reads 0); -inf where nothing was heard. Null before a whole frame was analysed.</summary>
    public double[]? LevelsDb()
    {
        if (_framesAnalysed == 0)
        {
            return null;
        }

        var levels = new double[_bandPower.Length];
        for (var b = 0; b < levels.Length; b++)
        {
            levels[b] = 10 * Math.Log10(_bandPower[b] / _framesAnalysed);
        }

        return levels;
    }

    private void Analyse()
    {
        for (var i = 0; i < _frameSize; i++)
        {
            _windowed[i] = _frame[i] * _window[i];
        }

        _fft.Forward(_windowed, _re, _im);
        for (var b = 0; b < _bins.Length; b++)
        {
            var (first, last, weight) = _bins[b];
            var sum = 0.0;
            for (var k = first; k <= last; k++)
            {
                sum += (_re[k] * _re[k]) + (_im[k] * _im[k]);
            }

            _bandPower[b] += sum * weight * _scale;
        }

        _framesAnalysed++;
    }
}
