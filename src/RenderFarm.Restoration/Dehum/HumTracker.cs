using System.Numerics;
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
        // fine search throughout. Each step's harmonics go through the Goertzel filters together (in vectors).
        var coarse = new List<double>();
        foreach (var mains in new[] { 50.0, 60.0 })
        {
            for (var f = mains - 1.0; f <= mains + 1.0 + 1e-9; f += 5 * Step)
            {
                coarse.Add(f);
            }
        }

        var (best, bestPower) = Strongest(coarse, 0.0, 0.0);
        var fine = new List<double>();
        for (var f = best - (4 * Step); f <= best + (4 * Step) + 1e-9; f += Step)
        {
            fine.Add(f);
        }

        (best, bestPower) = Strongest(fine, best, bestPower);

        // Contrast against the neighbourhood: the same harmonics 2.5 and 3 Hz off, either side.
        var count = Math.Min(Harmonics, (int)Math.Ceiling(0.45 * _rate / best) - 1);
        var offsets = new[] { 0.0, -3.0, 3.0, -2.5, 2.5 };
        var frequencies = new double[count * offsets.Length];
        for (var k = 1; k <= count; k++)
        {
            for (var o = 0; o < offsets.Length; o++)
            {
                frequencies[((k - 1) * offsets.Length) + o] = (k * best) + offsets[o];
            }
        }

        var powers = new double[frequencies.Length];
        Goertzel(_segment, frequencies, powers);
        var floor = 0.0;
        var harmonicContrast = new double[Harmonics];
        for (var k = 1; k <= count; k++)
        {
            var at = (k - 1) * offsets.Length;
            var around = (powers[at + 1] + powers[at + 2] + powers[at + 3] + powers[at + 4]) / 4;
            floor += around;
            harmonicContrast[k - 1] = powers[at] / Math.Max(around, 1e-30);
        }

        _segments.Add((best, bestPower / Math.Max(floor, 1e-30), harmonicContrast));
    }

    // The fundamental among the candidates whose harmonics (below 0.45 of the rate) hold the most power, if more than the best so far.
    private (double Best, double Power) Strongest(List<double> candidates, double best, double bestPower)
    {
        var frequencies = new List<double>();
        var owner = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            for (var k = 1; k <= Harmonics && k * candidates[i] < 0.45 * _rate; k++)
            {
                frequencies.Add(k * candidates[i]);
                owner.Add(i);
            }
        }

        var powers = new double[frequencies.Count];
        Goertzel(_segment, [.. frequencies], powers);
        var sums = new double[candidates.Count];
        for (var j = 0; j < powers.Length; j++)
        {
            sums[owner[j]] += powers[j];
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (sums[i] > bestPower)
            {
                (best, bestPower) = (candidates[i], sums[i]);
            }
        }

        return (best, bestPower);
    }

    // The power at each frequency by the Goertzel recurrence, frequencies side by side in vectors (two vectors
    // at once, so that the recurrences' latency overlaps).
    private void Goertzel(ReadOnlySpan<float> x, double[] frequencies, double[] powers)
    {
        var width = Vector<double>.Count;
        var c = new double[2 * width];
        for (var start = 0; start < frequencies.Length; start += 2 * width)
        {
            for (var j = 0; j < c.Length; j++)
            {
                c[j] = start + j < frequencies.Length ? 2.0 * Math.Cos(2.0 * Math.PI * frequencies[start + j] / _rate) : 0.0;
            }

            var (c1, c2) = (new Vector<double>(c, 0), new Vector<double>(c, width));
            Vector<double> a1 = Vector<double>.Zero, a2 = Vector<double>.Zero, b1 = Vector<double>.Zero, b2 = Vector<double>.Zero;
            foreach (var v in x)
            {
                var input = new Vector<double>(v);
                var a = input + (c1 * a1) - a2;
                var b = input + (c2 * b1) - b2;
                (a2, a1) = (a1, a);
                (b2, b1) = (b1, b);
            }

            var pa = ((a1 * a1) + (a2 * a2) - (c1 * a1 * a2)) / x.Length;
            var pb = ((b1 * b1) + (b2 * b2) - (c2 * b1 * b2)) / x.Length;
            for (var j = 0; j < width; j++)
            {
                if (start + j < powers.Length)
                {
                    powers[start + j] = pa[j];
                }

                if (start + width + j < powers.Length)
                {
                    powers[start + width + j] = pb[j];
                }
            }
        }
    }
}
