using RenderFarm.Contracts.Reports;
using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Denoise;

/// <summary>
/// Learns a <see cref="NoiseProfile"/> in the first pass. The input is cut into quarter-second passages of
/// short-time spectra (hop half a frame), leaving out any that touch digital silence (a fade to zero tells
/// nothing of the noise). Two estimates are kept, in memory that does not grow with the file: the quietest
/// passages (sixteen at most; at the end the quietest eighth, three to sixteen, give each bin's level as the
/// mean of its middle half), and each bin's 2nd percentile over every passage (a histogram per bin), which
/// finds the noise in bins where music never falls quiet everywhere at once. Each bin takes the lower of the
/// two, and peaks narrower than a neighbourhood are cut out (a noise floor is smooth across frequency; music is not). Given
/// a time range instead, every frame within it is averaged, and that is the profile.
/// </summary>
public sealed class NoiseLearner
{
    private const int Kept = 16;
    private const double PassageSeconds = 0.25;
    // Each bin's level in a passage is also counted in a histogram (half-dB cells from -150 to +90 dB of bin
    // power); its 2nd percentile, raised by what that percentile sits below the mean for noise alone, is a
    // second estimate that finds the noise in bins where music never falls quiet all at once.
    private const double Quantile = 0.02;
    private const double CellDb = 0.5;
    private const double LowestDb = -150.0;
    private const int Cells = 480;
    // A frame quieter than this (mean square, about -120 dBFS) is digital silence.
    private const double Silence = 1e-12;

    private readonly ShortTimeSpectrum _spectrum;
    private readonly int _channels;
    private readonly int _rate;
    private readonly int _hop;
    private readonly double? _from;
    private readonly double? _to;
    private readonly HalfOverlapFrames _feed;
    private readonly float[] _power;
    private readonly float[][] _sum;
    private readonly Slot[] _slots;
    private readonly int[][][] _histogram;
    private long _frameStart;
    private int _inPassage;
    private bool _silent;
    private double _level;
    private long _passageStart;
    private int _passages;

    public NoiseLearner(int sampleRate, int channels, DenoiseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _spectrum = new ShortTimeSpectrum(sampleRate);
        _channels = channels;
        _rate = sampleRate;
        _from = settings.ProfileStartS;
        _to = settings.ProfileEndS;
        _feed = new HalfOverlapFrames(channels, _spectrum.Size, Frame);
        _hop = _feed.Hop;
        _power = new float[_spectrum.Bins];
        _sum = [.. Enumerable.Range(0, channels).Select(_ => new float[_spectrum.Bins])];
        _slots = [.. Enumerable.Range(0, _from is null ? Kept : 0).Select(_ => new Slot(channels, _spectrum.Bins))];
        _histogram = [.. Enumerable.Range(0, _from is null ? channels : 0).Select(_ => Enumerable.Range(0, _spectrum.Bins).Select(_ => new int[Cells]).ToArray())];
    }

    // What the 2nd percentile of a bin's passage level sits below its mean for steady noise (3.8 dB, measured on
    // white and pink noise alone, where the profile then comes within a dB or so of the noise's true level).
    private const double QuantileBias = 2.4;

    // A noise profile is smooth across frequency and music is not: peaks narrower than a neighbourhood (8 % of
    // a bin's frequency either side, two bins at least) are opened out of it, which takes out what music left.
    private const double Neighbourhood = 0.08;

    // The bins below this (DC and the lowest two) keep their estimate: too few neighbours to judge by.
    private const int LowestBin = 3;

    private int FramesPerPassage => _from is null ? Math.Max(2, (int)Math.Round(PassageSeconds * _rate / _hop)) : int.MaxValue;

    /// <summary>Feeds a block of every channel.</summary>
    public void Add(AudioBlock block) => _feed.Add(block);

    /// <summary>The profile learned, or null when no passage of the input (or of the range given) was fit to learn from.</summary>
    public NoiseProfile? Result()
    {
        if (_from is { } from)
        {
            return _inPassage == 0 || _silent ? null : Profile([new(from, Math.Min(_to!.Value, _frameStart / (double)_rate), _inPassage, _sum)], "range");
        }

        var used = _slots.Where(s => s.Frames > 0).OrderBy(s => s.Level).Take(Math.Clamp(_passages / 8, 3, Kept)).ToArray();
        return used.Length < 3 ? null : Profile([.. used.Select(s => new Learned(s.Start, s.Start + (s.Frames * _hop / (double)_rate), s.Frames, s.Sum))], "quietest");
    }

    private void Frame(float[][] input)
    {
        var start = _frameStart;
        _frameStart += _hop;
        if (_from is { } from)
        {
            // (frame k spans the input from (k - 1) hops to k + 1: its centre is k hops in)
            var centre = start / (double)_rate;
            if (centre < from || centre > _to)
            {
                return;
            }
        }

        if (_inPassage == 0)
        {
            _passageStart = start;
            _level = 0;
            _silent = false;
            foreach (var channel in _sum)
            {
                Array.Clear(channel);
            }
        }

        var frameEnergy = 0.0;
        for (var c = 0; c < _channels; c++)
        {
            _spectrum.Analyse(input[c]);
            _spectrum.Power(_power);
            VectorMath.Add(_power, _sum[c]);
            frameEnergy += VectorMath.Sum(_power);
        }

        _level += frameEnergy;
        var meanSquare = ShortTimeSpectrum.MeanSquare(2 * frameEnergy, _spectrum.Size, _channels);
        _silent |= meanSquare < Silence;
        if (++_inPassage == FramesPerPassage)
        {
            Keep();
            _inPassage = 0;
        }
    }

    // Keeps the passage just ended if it is quieter than the loudest kept.
    private void Keep()
    {
        _passages++;
        if (_silent)
        {
            return;
        }

        for (var c = 0; c < _channels; c++)
        {
            var sum = _sum[c];
            var histogram = _histogram[c];
            for (var k = 0; k < sum.Length; k++)
            {
                var db = 10 * Math.Log10(Math.Max(sum[k] / _inPassage, 1e-30));
                histogram[k][Math.Clamp((int)((db - LowestDb) / CellDb), 0, Cells - 1)]++;
            }
        }

        var slot = _slots.MaxBy(s => s.Frames == 0 ? double.PositiveInfinity : s.Level)!;
        if (slot.Frames > 0 && slot.Level <= _level)
        {
            return;
        }

        slot.Frames = _inPassage;
        slot.Level = _level;
        slot.Start = _passageStart / (double)_rate;
        for (var c = 0; c < _channels; c++)
        {
            _sum[c].CopyTo(slot.Sum[c], 0);
        }
    }

    private NoiseProfile Profile(IReadOnlyList<Learned> passages, string source)
    {
        var bins = _spectrum.Bins;
        var power = new float[_channels][];
        var values = new double[passages.Count];
        for (var c = 0; c < _channels; c++)
        {
            power[c] = new float[bins];
            for (var k = 0; k < bins; k++)
            {
                for (var p = 0; p < passages.Count; p++)
                {
                    values[p] = passages[p].Sum[c][k] / passages[p].Frames;
                }

                power[c][k] = (float)MiddleMean(values);
                if (_histogram.Length > 0)
                {
                    power[c][k] = (float)Math.Min(power[c][k], Percentile(_histogram[c][k]) * QuantileBias);
                }
            }
        }

        var eroded = new float[bins];
        foreach (var channel in _histogram.Length > 0 ? power : [])
        {
            Open(channel, eroded);
        }

        // One-sided: every bin twice but DC and Nyquist.
        var total = power.Sum(p => (2 * p.Sum(v => (double)v)) - p[0] - p[^1]);
        var meanSquare = ShortTimeSpectrum.MeanSquare(total, _spectrum.Size, _channels);
        return new NoiseProfile
        {
            SampleRate = _rate,
            FftSize = _spectrum.Size,
            Power = power,
            Source = source,
            Passages = [.. passages.OrderBy(p => p.Start).Select(p => new Passage(Math.Round(p.Start, 3), Math.Round(p.End, 3)))],
            FloorDbfs = Math.Round(10 * Math.Log10(Math.Max(meanSquare, 1e-30)), 1),
            Steady = source == "range" || Steady(passages),
        };
    }

    // Passages that agree in level and in shape, early ones against late ones, spread over a quarter of the input.
    private bool Steady(IReadOnlyList<Learned> passages)
    {
        var levels = passages.Select(p => p.Sum.Sum(c => c.Sum()) / p.Frames).ToArray();
        if (10 * Math.Log10(levels.Max() / levels.Min()) > 3.0)
        {
            return false;
        }

        var byTime = passages.OrderBy(p => p.Start).ToArray();
        var duration = _frameStart / (double)_rate;
        if (byTime[^1].Start - byTime[0].Start < Math.Min(10.0, duration / 4))
        {
            return false;
        }

        var half = byTime.Length / 2;
        var hzPerBin = _rate / (double)_spectrum.Size;
        var differences = new List<double>();
        for (var k = (int)Math.Ceiling(100 / hzPerBin); k < Math.Min(_spectrum.Bins - 1, (int)(0.9 * _rate / 2 / hzPerBin)); k++)
        {
            double early = 0, late = 0;
            for (var p = 0; p < byTime.Length; p++)
            {
                var v = byTime[p].Sum.Sum(c => c[k]) / byTime[p].Frames;
                if (p < half)
                {
                    early += v;
                }
                else
                {
                    late += v;
                }
            }

            if (early > 0 && late > 0)
            {
                differences.Add(Math.Abs(10 * Math.Log10(early / half / (late / (byTime.Length - half)))));
            }
        }

        differences.Sort();
        return differences.Count > 0 && differences[differences.Count / 2] <= 1.5;
    }

    // A morphological opening across frequency: each bin the least of its neighbourhood, then the greatest of
    // those least values around it. A peak narrower than the neighbourhood (music) is cut to the floor beside it;
    // a slope (pink noise, a tape's high-frequency roll-off) is kept as it is.
    private static void Open(float[] power, float[] eroded)
    {
        var bins = power.Length;
        for (var k = LowestBin; k < bins; k++)
        {
            var h = Math.Max(2, (int)(k * Neighbourhood));
            var least = float.MaxValue;
            for (var j = Math.Max(LowestBin, k - h); j <= Math.Min(bins - 1, k + h); j++)
            {
                least = Math.Min(least, power[j]);
            }

            eroded[k] = least;
        }

        for (var k = LowestBin; k < bins; k++)
        {
            var h = Math.Max(2, (int)(k * Neighbourhood));
            var most = 0f;
            for (var j = Math.Max(LowestBin, k - h); j <= Math.Min(bins - 1, k + h); j++)
            {
                most = Math.Max(most, eroded[j]);
            }

            power[k] = most;
        }
    }

    // The bin power at the histogram's percentile, within its cell by linear interpolation.
    private static double Percentile(int[] histogram)
    {
        var total = 0;
        foreach (var count in histogram)
        {
            total += count;
        }

        var target = Quantile * total;
        var below = 0.0;
        for (var cell = 0; cell < histogram.Length; cell++)
        {
            if (below + histogram[cell] >= target && histogram[cell] > 0)
            {
                var db = LowestDb + ((cell + ((target - below) / histogram[cell])) * CellDb);
                return Math.Pow(10, db / 10);
            }

            below += histogram[cell];
        }

        return double.PositiveInfinity;
    }

    // The mean of the middle half of the values (all of them when there are fewer than four).
    private static double MiddleMean(double[] values)
    {
        Array.Sort(values);
        var from = values.Length >= 4 ? values.Length / 4 : 0;
        var to = values.Length >= 4 ? values.Length - (values.Length / 4) : values.Length;
        var sum = 0.0;
        for (var i = from; i < to; i++)
        {
            sum += values[i];
        }

        return sum / (to - from);
    }

    private sealed record Learned(double Start, double End, int Frames, float[][] Sum);

    private sealed class Slot(int channels, int bins)
    {
        public float[][] Sum { get; } = [.. Enumerable.Range(0, channels).Select(_ => new float[bins])];

        public int Frames { get; set; }

        public double Level { get; set; }

        public double Start { get; set; }
    }
}
