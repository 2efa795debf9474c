using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Denoise;

/// <summary>
/// Broadband noise reduction by short-time spectral gains (<see cref="ShortTimeSpectrum"/>, hop a quarter
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
    private const float Alpha = 0.92f;
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
        _hop = size / 4;
        _input = Planes(spec.Channels, size);
        _output = Planes(spec.Channels, size);
        _ready = Planes(spec.Channels, _hop);
        _clean = Planes(spec.Channels, bins);
        _re = [.. Enumerable.Range(0, spec.Channels).Select(_ => Planes(Weights.Length, bins))];
        _im = [.. Enumerable.Range(0, spec.Channels).Select(_ => Planes(Weights.Length, bins))];
        _excess = [.. Enumerable.Range(0, spec.Channels).Select(_ => Planes(Weights.Length, bins))];
        _noise = [.. _profile.Power.Select(p => p.Select(v => Math.Max(v, 1e-20f)).ToArray())];
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
        var noise = _noise[channel];

        // The new frame into the ring, with its excess over the noise.
        var newest = _frames % span;
        spectrum.Analyse(input);
        input.AsSpan(_hop).CopyTo(input);
        spectrum.Re.AsSpan().CopyTo(_re[channel][newest]);
        spectrum.Im.AsSpan().CopyTo(_im[channel][newest]);
        var excess = _excess[channel][newest];
        for (var k = 0; k < excess.Length; k++)
        {
            var power = (spectrum.Re[k] * spectrum.Re[k]) + (spectrum.Im[k] * spectrum.Im[k]);
            excess[k] = MathF.Max((power / noise[k]) - 1, 0);
        }

        // The frame Ahead frames back, now that the frames after it are in.
        var current = (_frames - Ahead + span) % span;
        var re = _re[channel][current];
        var im = _im[channel][current];
        var clean = _clean[channel];
        double energyIn = 0, energyOut = 0;
        for (var k = 0; k < re.Length; k++)
        {
            var around = 0f;
            for (var j = 0; j < span; j++)
            {
                around += Weights[j] * _excess[channel][(_frames - j + span + span) % span][k];
            }

            var prior = MathF.Max((Alpha * clean[k] / noise[k]) + ((1 - Alpha) * around), MinPrior);
            var gain = prior / (1 + prior);
            var power = (re[k] * re[k]) + (im[k] * im[k]);
            clean[k] = gain * gain * power;
            var g = MathF.Max(gain, _floor);
            spectrum.Re[k] = re[k] * g;
            spectrum.Im[k] = im[k] * g;
            energyIn += power;
            energyOut += g * g * power;
        }

        EnergyIn += energyIn;
        EnergyOut += energyOut;
        var output = _output[channel];
        spectrum.Synthesise(output);
        output.AsSpan(0, _hop).CopyTo(_ready[channel]);
        output.AsSpan(_hop).CopyTo(output);
        output.AsSpan(output.Length - _hop).Clear();
    }
}
