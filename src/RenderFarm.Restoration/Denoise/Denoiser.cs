using System.Numerics;
using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Denoise;

/// <summary>
/// Broadband noise reduction by short-time spectral gains (<see cref="ShortTimeSpectrum"/>, hop half a
/// frame). Each bin's a-priori signal-to-noise ratio ξ is estimated decision-directed (Ephraim and Malah: a
/// share α of the last frame's clean estimate, the rest this frame's excess over the noise profile), with the
/// excess taken not from this frame alone but averaged over it and the two frames either side: restoration is
/// offline, so the estimate may look ahead, and an onset is heard at once instead of a frame late. The Wiener
/// gain ξ/(1+ξ) follows, held no lower than the reduction asked for. The averaging over time keeps the residue
/// a steady, quieter hiss instead of "musical noise" without smearing across frequency (which costs tonal music
/// its detail). Output lags input by the frame and the two frames of look-ahead; memory is fixed at
/// <see cref="Prepare"/>; nothing is allocated per block.
/// </summary>
public sealed class Denoiser : IAudioProcessor
{
    private const int Ahead = 2;
    private const float Alpha = 0.85f;
    // The excess over the noise is averaged over the frame and Ahead frames either side with these weights.
    private static readonly float[] Weights = [0.1f, 0.2f, 0.4f, 0.2f, 0.1f];
    private const float MinPrior = 1e-3f;

    private readonly NoiseProfile _profile;
    private readonly DenoiseSettings _settings;
    private ShortTimeSpectrum? _spectrum;
    private float[][] _input = [];
    private float[][] _output = [];
    private float[][] _ready = [];
    private float[][] _noise = [];
    private float[][] _inverseNoise = [];
    private float[][] _rows = [];
    private float[][] _clean = [];
    // Per channel, the last 2·Ahead + 1 frames' bins (real, imaginary) and excess over the noise, as a ring.
    private float[][][] _re = [];
    private float[][][] _im = [];
    private float[][][] _excess = [];
    private float _floor;
    private int _hop;
    private int _filled;
    private int _frames;

    public Denoiser(NoiseProfile profile, DenoiseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _profile = profile;
        _settings = settings;
    }

    public int LatencyFrames => _spectrum is null ? 0 : _spectrum.Size + (Ahead * _hop);

    /// <summary>The energy that came in and that went out (over every channel, in the spectral domain).</summary>
    public double EnergyIn { get; private set; }

    public double EnergyOut { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        var spectrum = new ShortTimeSpectrum(spec.SampleRate);
        if (spectrum.Size != _profile.FftSize || spec.Channels != _profile.Power.Count)
        {
            throw new ArgumentException($"the noise profile was learned at {_profile.SampleRate} Hz in {_profile.Power.Count} channel(s), not {spec.SampleRate} Hz in {spec.Channels}", nameof(spec));
        }

        _spectrum = spectrum;
        var size = spectrum.Size;
        var bins = spectrum.Bins;
        _hop = size / 2;
        _input = Planes(spec.Channels, size);
        _output = Planes(spec.Channels, size);
        _ready = Planes(spec.Channels, _hop);
        _clean = Planes(spec.Channels, bins);
        _re = [.. Enumerable.Range(0, spec.Channels).Select(_ => Planes(Weights.Length, bins))];
        _im = [.. Enumerable.Range(0, spec.Channels).Select(_ => Planes(Weights.Length, bins))];
        _excess = [.. Enumerable.Range(0, spec.Channels).Select(_ => Planes(Weights.Length, bins))];
        _noise = [.. _profile.Power.Select(p => p.Select(v => Math.Max(v, 1e-20f)).ToArray())];
        _inverseNoise = [.. _noise.Select(p => p.Select(v => 1 / v).ToArray())];
        _rows = new float[Weights.Length][];
        _floor = (float)Math.Pow(10, -_settings.ReductionDb / 20);
        Reset();
    }

    public void Reset()
    {
        foreach (var plane in _input.Concat(_output).Concat(_ready).Concat(_re.SelectMany(p => p)).Concat(_im.SelectMany(p => p)).Concat(_excess.SelectMany(p => p)))
        {
            Array.Clear(plane);
        }

        // The first frame's prior: the noise alone.
        for (var c = 0; c < _clean.Length; c++)
        {
            for (var k = 0; k < _clean[c].Length; k++)
            {
                _clean[c][k] = _noise[c][k] * MinPrior;
            }
        }

        _filled = 0;
        _frames = 0;
        EnergyIn = 0;
        EnergyOut = 0;
    }

    public void Process(AudioBlock block)
    {
        var size = _spectrum?.Size ?? throw new InvalidOperationException("Prepare the Denoiser before processing");
        for (var done = 0; done < block.Frames;)
        {
            var n = Math.Min(_hop - _filled, block.Frames - done);
            for (var c = 0; c < block.Channels; c++)
            {
                var samples = block[c].Slice(done, n);
                samples.CopyTo(_input[c].AsSpan(size - _hop + _filled));
                _ready[c].AsSpan(_filled, n).CopyTo(samples);
            }

            _filled += n;
            done += n;
            if (_filled == _hop)
            {
                for (var c = 0; c < block.Channels; c++)
                {
                    Frame(c);
                }

                _frames++;
                _filled = 0;
            }
        }
    }

    private static float[][] Planes(int channels, int length) => [.. Enumerable.Range(0, channels).Select(_ => new float[length])];

    private void Frame(int channel)
    {
        var spectrum = _spectrum!;
        var span = Weights.Length;
        var input = _input[channel];
        var inverse = _inverseNoise[channel];

        // The new frame into the ring, with its excess over the noise.
        var newest = _frames % span;
        spectrum.Analyse(input);
        input.AsSpan(_hop).CopyTo(input);
        spectrum.Re.AsSpan().CopyTo(_re[channel][newest]);
        spectrum.Im.AsSpan().CopyTo(_im[channel][newest]);
        Excess(spectrum.Re, spectrum.Im, inverse, _excess[channel][newest]);

        // The frame Ahead frames back, now that the frames after it are in; the ring's rows newest first.
        var rows = _rows;
        for (var j = 0; j < span; j++)
        {
            rows[j] = _excess[channel][(_frames - j + span) % span];
        }

        var current = (_frames - Ahead + span) % span;
        var (energyIn, energyOut) = Gains(_re[channel][current], _im[channel][current], inverse, _clean[channel], rows, spectrum.Re, spectrum.Im);
        EnergyIn += energyIn;
        EnergyOut += energyOut;
        var output = _output[channel];
        spectrum.Synthesise(output);
        output.AsSpan(0, _hop).CopyTo(_ready[channel]);
        output.AsSpan(_hop).CopyTo(output);
        output.AsSpan(output.Length - _hop).Clear();
    }

    // Each bin's excess of power over the noise, in noise units: max(|X|^2/λ - 1, 0).
    private static void Excess(float[] re, float[] im, float[] inverse, float[] excess)
    {
        var k = 0;
        var one = Vector<float>.One;
        for (; k <= excess.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            var r = new Vector<float>(re, k);
            var i = new Vector<float>(im, k);
            Vector.Max(((r * r) + (i * i)) * new Vector<float>(inverse, k) - one, Vector<float>.Zero).CopyTo(excess, k);
        }

        for (; k < excess.Length; k++)
        {
            excess[k] = MathF.Max((((re[k] * re[k]) + (im[k] * im[k])) * inverse[k]) - 1, 0);
        }
    }

    // The gains for one frame (its bins in re, im) into outRe, outIm; returns the energy in and out.
    private (double In, double Out) Gains(float[] re, float[] im, float[] inverse, float[] clean, float[][] rows, float[] outRe, float[] outIm)
    {
        var (w0, w1, w2, w3, w4) = (Weights[0], Weights[1], Weights[2], Weights[3], Weights[4]);
        var (e0, e1, e2, e3, e4) = (rows[0], rows[1], rows[2], rows[3], rows[4]);
        var alpha = new Vector<float>(Alpha);
        var rest = new Vector<float>(1 - Alpha);
        var least = new Vector<float>(MinPrior);
        var floor = new Vector<float>(_floor);
        var one = Vector<float>.One;
        var sumIn = Vector<float>.Zero;
        var sumOut = Vector<float>.Zero;
        var k = 0;
        for (; k <= re.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            var around = (new Vector<float>(e0, k) * w0) + (new Vector<float>(e1, k) * w1) + (new Vector<float>(e2, k) * w2)
                + (new Vector<float>(e3, k) * w3) + (new Vector<float>(e4, k) * w4);
            var prior = Vector.Max((alpha * new Vector<float>(clean, k) * new Vector<float>(inverse, k)) + (rest * around), least);
            var gain = prior / (one + prior);
            var r = new Vector<float>(re, k);
            var i = new Vector<float>(im, k);
            var power = (r * r) + (i * i);
            (gain * gain * power).CopyTo(clean, k);
            var g = Vector.Max(gain, floor);
            (r * g).CopyTo(outRe, k);
            (i * g).CopyTo(outIm, k);
            sumIn += power;
            sumOut += g * g * power;
        }

        double energyIn = Vector.Sum(sumIn), energyOut = Vector.Sum(sumOut);
        for (; k < re.Length; k++)
        {
            var around = (e0[k] * w0) + (e1[k] * w1) + (e2[k] * w2) + (e3[k] * w3) + (e4[k] * w4);
            var prior = MathF.Max((Alpha * clean[k] * inverse[k]) + ((1 - Alpha) * around), MinPrior);
            var gain = prior / (1 + prior);
            var power = (re[k] * re[k]) + (im[k] * im[k]);
            clean[k] = gain * gain * power;
            var g = MathF.Max(gain, _floor);
            outRe[k] = re[k] * g;
            outIm[k] = im[k] * g;
            energyIn += power;
            energyOut += g * g * power;
        }

        return (energyIn, energyOut);
    }
}
