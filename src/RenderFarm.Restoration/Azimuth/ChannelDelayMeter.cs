using System.Numerics;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Spectral;
using RenderFarm.Restoration.Denoise;

namespace RenderFarm.Restoration.Azimuth;

/// <summary>
/// Measures how far the second channel of a stereo recording lags the first (a tape head's azimuth error
/// shows as such a delay, a fraction of a sample to a few), in the first pass: the channels' cross-spectrum is
/// summed over the whole file in short-time frames (<see cref="ShortTimeSpectrum"/>, hop half a frame); at the end
/// the whole-sample lag is where the phase transform of that sum (GCC-PHAT) peaks within ±2 ms, and the fraction
/// is the slope of its phase against frequency once that lag is taken out (a least-squares fit from 150 Hz to
/// 12 kHz, each bin weighted by how coherent the channels are there). Memory: one frame and one spectrum.
/// </summary>
public sealed class ChannelDelayMeter
{
    private const double LowHz = 150.0;
    private const double HighHz = 12_000.0;
    private const double MaxLagSeconds = 0.002;

    private readonly ShortTimeSpectrum _spectrum;
    private readonly int _rate;
    private readonly HalfOverlapFrames _feed;
    private readonly double[] _crossRe;
    private readonly double[] _crossIm;
    private readonly double[] _left;
    private readonly double[] _right;
    private readonly float[] _re;
    private readonly float[] _im;

    public ChannelDelayMeter(int sampleRate)
    {
        _spectrum = new ShortTimeSpectrum(sampleRate);
        _rate = sampleRate;
        _feed = new HalfOverlapFrames(2, _spectrum.Size, Frame);
        _crossRe = new double[_spectrum.Bins];
        _crossIm = new double[_spectrum.Bins];
        _left = new double[_spectrum.Bins];
        _right = new double[_spectrum.Bins];
        _re = new float[_spectrum.Bins];
        _im = new float[_spectrum.Bins];
    }

    /// <summary>Feeds a block of both channels.</summary>
    public void Add(AudioBlock block) => _feed.Add(block);

    /// <summary>
    /// The delay of the second channel behind the first in samples (negative: it leads), and the channels'
    /// coherence over the band measured (0 to 1: how far the delay can be trusted); null when either channel
    /// was silent. With <paramref name="inverted"/>, as if the second channel were turned over first (as the
    /// polarity repair does before this one).
    /// </summary>
    public (double Samples, double Coherence)? Result(bool inverted = false)
    {
        var sign = inverted ? -1.0 : 1.0;
        var size = _spectrum.Size;
        var first = (int)Math.Ceiling(LowHz * size / _rate);
        var last = Math.Min(_spectrum.Bins - 2, (int)(Math.Min(HighHz, 0.45 * _rate) * size / _rate));
        double cross = 0, power = 0;
        for (var k = first; k <= last; k++)
        {
            cross += Math.Sqrt((_crossRe[k] * _crossRe[k]) + (_crossIm[k] * _crossIm[k]));
            power += Math.Sqrt(_left[k] * _right[k]);
        }

        if (power <= 0)
        {
            return null;
        }

        // GCC-PHAT: the cross-spectrum with its magnitude taken out, back to time; its peak is the lag.
        var re = new float[size];
        var im = new float[size];
        for (var k = first; k <= last; k++)
        {
            var magnitude = Math.Sqrt((_crossRe[k] * _crossRe[k]) + (_crossIm[k] * _crossIm[k]));
            if (magnitude > 0)
            {
                re[k] = (float)(sign * _crossRe[k] / magnitude);
                im[k] = (float)(sign * _crossIm[k] / magnitude);
            }
        }

        // X1·conj(X2) = |X1|^2 e^(+iωd) for a second channel d samples late; the inverse transform peaks at -d.
        new SplitFft(size).Inverse(re, im);
        var maxLag = Math.Min(size / 4, (int)Math.Ceiling(MaxLagSeconds * _rate));
        var lag = 0;
        for (var d = -maxLag; d <= maxLag; d++)
        {
            if (re[(size - d) % size] > re[(size - lag) % size])
            {
                lag = d;
            }
        }

        // The fraction: the phase left once the whole samples are taken out, against frequency.
        double numerator = 0, denominator = 0;
        for (var k = first; k <= last; k++)
        {
            var omega = 2 * Math.PI * k / size;
            var phase = new Complex(sign * _crossRe[k], sign * _crossIm[k]) * Complex.FromPolarCoordinates(1, -omega * lag);
            var weight = phase.Magnitude / Math.Max(Math.Sqrt(_left[k] * _right[k]), 1e-30);
            numerator += weight * omega * phase.Phase;
            denominator += weight * omega * omega;
        }

        return (lag + (numerator / denominator), cross / power);
    }

    private void Frame(float[][] input)
    {
        _spectrum.Analyse(input[0]);
        _spectrum.Re.AsSpan().CopyTo(_re);
        _spectrum.Im.AsSpan().CopyTo(_im);
        _spectrum.Analyse(input[1]);
        var re2 = _spectrum.Re;
        var im2 = _spectrum.Im;
        for (var k = 0; k < _re.Length; k++)
        {
            // X1 · conj(X2)
            _crossRe[k] += (_re[k] * re2[k]) + (_im[k] * im2[k]);
            _crossIm[k] += (_im[k] * re2[k]) - (_re[k] * im2[k]);
            _left[k] += (_re[k] * _re[k]) + (_im[k] * _im[k]);
            _right[k] += (re2[k] * re2[k]) + (im2[k] * im2[k]);
        }
    }
}
