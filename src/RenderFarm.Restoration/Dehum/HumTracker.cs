using RenderFarm.Dsp;
using RenderFarm.Dsp.Filters;

namespace RenderFarm.Restoration.Dehum;

/// <summary>
/// Finds mains hum and follows its drift, from the channels' sum: low-passed under 500 Hz and decimated to
/// about 1 kHz, cut into two-second segments; in each, the fundamental from 49 to 51 Hz or 59 to 61 Hz (0.1 Hz
/// steps, then 0.02 Hz around the best) whose first eight harmonics hold the most power (Goertzel), and each harmonic's power
/// against its neighbourhood 2.5-3 Hz either side. Hum is found when most segments agree on a fundamental
/// (within 0.5 Hz of one mains frequency) that stands 6 dB or more over the floor. Streams; memory holds
/// one segment and a few numbers a segment.
/// </summary>
public sealed class HumTracker
{
    public const int Harmonics = 8;
    public const double SegmentSeconds = 2.0;
    private const double Step = 0.02;
    // A fundamental stands out when its harmonics' power is this many times their neighbourhoods'.
    private const double Stands = 4.0;

    private readonly BiquadFilter _lowPass1;
    private readonly BiquadFilter _lowPass2;
    private readonly float[][] _mono;
    private readonly int _decimation;
    private readonly double _rate;
    private readonly float[] _segment;
    private readonly List<(double Fundamental, double Contrast, double[] HarmonicContrast)> _segments = [];
    private int _phase;
    private int _filled;

    public HumTracker(int sampleRate, int blockFrames)
    {
        _decimation = Math.Max(1, sampleRate / 1000);
        _rate = sampleRate / (double)_decimation;
        var spec = new AudioSpec(sampleRate, 1, blockFrames);
        _lowPass1 = new BiquadFilter(BiquadDesign.LowPass(sampleRate, 450.0, 0.5412));
        _lowPass2 = new BiquadFilter(BiquadDesign.LowPass(sampleRate, 450.0, 1.3066));
        _lowPass1.Prepare(spec);
        _lowPass2.Prepare(spec);
        _mono = [new float[blockFrames]];
        _segment = new float[(int)(SegmentSeconds * _rate)];
    }

    /// <summary>Feeds a block of every channel.</summary>
    public void Add(AudioBlock block)
    {
        var mono = _mono[0].AsSpan(0, block.Frames);
        block[0].CopyTo(mono);
        for (var c = 1; c < block.Channels; c++)
        {
            VectorMath.Add(block[c], mono);
        }

        var low = new AudioBlock(_mono, 1, 0, block.Frames);
        _lowPass1.Process(low);
        _lowPass2.Process(low);
        for (; _phase < block.Frames; _phase += _decimation)
        {
            _segment[_filled++] = mono[_phase];
            if (_filled == _segment.Length)
            {
                Analyse();
                _filled = 0;
            }
        }

        _phase -= block.Frames;
    }

    /// <summary>
    /// The hum found, or null: its fundamental per two-second segment and the harmonics standing out. Given the
    /// mains frequency, only that is looked at.
    /// </summary>
    public HumProfile? Result(double? mainsHz = null)
    {
        if (_segments.Count == 0)
        {
            return null;
        }

        foreach (var mains in mainsHz is { } given ? [given] : new[] { 50.0, 60.0 })
        {
            var near = _segments.Where(s => Math.Abs(s.Fundamental - mains) <= 0.5 && s.Contrast >= Stands).ToArray();
            if (near.Length * 2 <= _segments.Count)
            {
                continue;
            }

            // Each segment's fundamental, those where the hum hid taking their neighbour's.
            var track = new double[_segments.Count];
            var last = near[0].Fundamental;
            for (var i = 0; i < track.Length; i++)
            {
                var s = _segments[i];
                last = Math.Abs(s.Fundamental - mains) <= 0.5 && s.Contrast >= Stands ? s.Fundamental : last;
                track[i] = last;
            }

            var harmonics = Enumerable.Range(1, Harmonics)
                .Where(k => k * mains < 0.45 * _rate && near.Count(s => s.HarmonicContrast[k - 1] >= 4.0) * 2 > near.Length)
                .ToArray();
            var contrast = near.Select(s => s.Contrast).Order().ElementAt(near.Length / 2);
            return new HumProfile(mains, track, harmonics, 10 * Math.Log10(contrast), SegmentSeconds);
        }

        return null;
    }

    private void Analyse()
    {
        // Coarse (0.1 Hz) over both mains ranges, then fine (0.02 Hz) around the best: a fifth of the work of a
        // fine search throughout.
        var (best, bestPower) = (0.0, 0.0);
        foreach (var mains in new[] { 50.0, 60.0 })
        {
            for (var f = mains - 1.0; f <= mains + 1.0 + 1e-9; f += 5 * Step)
            {
                var power = HarmonicPower(f);
                if (power > bestPower)
                {
                    (best, bestPower) = (f, power);
                }
            }
        }

        var coarse = best;
        for (var f = coarse - (4 * Step); f <= coarse + (4 * Step) + 1e-9; f += Step)
        {
            var power = HarmonicPower(f);
            if (power > bestPower)
            {
                (best, bestPower) = (f, power);
            }
        }

        // Contrast against the neighbourhood: the same harmonics 2 to 4 Hz off, either side.
        var floor = 0.0;
        var harmonicContrast = new double[Harmonics];
        for (var k = 1; k <= Harmonics && k * best < 0.45 * _rate; k++)
        {
            var at = Goertzel(_segment, k * best);
            var around = (Goertzel(_segment, (k * best) - 3.0) + Goertzel(_segment, (k * best) + 3.0)
                + Goertzel(_segment, (k * best) - 2.5) + Goertzel(_segment, (k * best) + 2.5)) / 4;
            floor += around;
            harmonicContrast[k - 1] = at / Math.Max(around, 1e-30);
        }

        _segments.Add((best, bestPower / Math.Max(floor, 1e-30), harmonicContrast));
    }

    private double HarmonicPower(double fundamental)
    {
        var power = 0.0;
        for (var k = 1; k <= Harmonics && k * fundamental < 0.45 * _rate; k++)
        {
            power += Goertzel(_segment, k * fundamental);
        }

        return power;
    }

    private double Goertzel(ReadOnlySpan<float> x, double frequency)
    {
        var c = 2.0 * Math.Cos(2.0 * Math.PI * frequency / _rate);
        double s1 = 0, s2 = 0;
        foreach (var v in x)
        {
            var s = v + (c * s1) - s2;
            (s2, s1) = (s1, s);
        }

        return ((s1 * s1) + (s2 * s2) - (c * s1 * s2)) / x.Length;
    }
}
