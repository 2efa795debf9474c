using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Declick;

/// <summary>
/// Finds clicks, crackle and short bursts and rebuilds the damaged samples, channel by channel. Each frame
/// (about 21 ms) gets an autoregressive model; a sample is damaged where both the forward prediction error
/// (from the past) and the backward one (from the future) stand <see cref="DeclickSettings.Threshold"/> times
/// above their robust standard deviation within two samples: an added impulse or burst surprises both
/// predictors over exactly its own samples, while the music's error is spread thin. A run grows while the
/// errors stay above a third of that (a burst's decaying tail). A run is the music's own and left alone
/// (<see cref="LeftAsMusic"/>) when it is longer than <see cref="DeclickSettings.MaxClickMs"/>, when it does not
/// stand out of the error around it (a drum's hit), at a note's onset or an edge into digital silence, when
/// alike runs crowd its frame (a buzz's texture), or when the error peaks again one period of the waveform
/// away (a sawtooth's corners). Damaged runs closer than the model's order are rebuilt together by
/// least-squares AR interpolation (<see cref="LsarInterpolator"/>), then once more with the model re-estimated
/// from the repaired frame (Janssen's iteration), then a second look finds what the first model hid. Output
/// lags input by <see cref="FrameRepair.LatencyFrames"/>; a frame with nothing found passes through untouched,
/// bit for bit.
/// </summary>
public sealed class Declicker : FrameRepair
{
    private const int Reach = 2;
    // Level in the 10 ms after a run over the 10 ms before it from which the run counts as a note's onset.
    private const double OnsetRise = 4.0;
    // Repairs listed one by one; beyond this they are counted.
    private const int MaxListed = 1000;
    // A frame is periodic from this normalised autocorrelation at its period; a run recurs where the error one
    // period away peaks at this share of the run's peak.
    private const double PeriodicCorrelation = 0.6;
    private const float RecurringShare = 1.0f / 3;
    // Others alike in a frame from which a run is the waveform's texture.
    private const int CrowdSize = 3;
    // Runs considered in one frame (a frame of solid crackle holds fewer than this).
    private const int MaxRunsPerFrame = 256;

    private readonly DeclickSettings _settings;
    private readonly List<ClickRepair> _repairs = [];
    private float[] _forward = [];
    private float[] _backward = [];
    private float[] _sorted = [];
    private int[] _unknowns = [];
    private (int Start, int End)[] _runs = [];
    private (int Start, int End, float Peak)[] _found = [];
    private LsarInterpolator? _lsar;
    private ArModel _fit = new(1, 2);
    private int _order;
    private int _maxGap;
    private int _context;
    private int _local;
    private int _lead;
    private int _shortestPeriod;
    private int _longestPeriod;
    // The frame's period in samples: 0 not yet looked for, -1 none.
    private int _period;

    public Declicker(DeclickSettings? settings = null)
    {
        _settings = settings ?? new DeclickSettings();
        _settings.Validate();
    }

    /// <summary>Clicks rebuilt so far (every channel).</summary>
    public long Clicks { get; private set; }

    /// <summary>Samples rebuilt so far (every channel).</summary>
    public long SamplesRepaired { get; private set; }

    /// <summary>Runs that looked like clicks and were left as the music's own, by the reason.</summary>
    public LeftRuns LeftAsMusic { get; } = new();

    /// <summary>The first thousand repairs, at their frames in the input.</summary>
    public IReadOnlyList<ClickRepair> Repairs => _repairs;

    protected override (int Frame, int Ahead, int Before) Layout(AudioSpec spec)
    {
        var rate = spec.SampleRate;
        _order = _settings.Order;
        var frame = 1024 * Math.Max(1, (int)Math.Round(rate / 48_000.0));
        _maxGap = Math.Max(1, (int)Math.Round(_settings.MaxClickMs * rate / 1000.0));
        _context = Math.Max(16, rate / 100);
        // A run starting in the frame may end a longest burst later; its onset test reads a context past
        // that, its local scale a stretch past that, the periodic test a period, and its backward error and
        // interpolation the model's order past those.
        _local = Math.Max(8, rate / 200);
        _lead = _local + _order + Reach;
        _shortestPeriod = Math.Max(8, rate / 500);
        _longestPeriod = rate / 50;
        var ahead = _maxGap + _context + _local + (4 * Reach) + (3 * _order) + 8 + _longestPeriod;
        var window = frame + (2 * _order);
        _fit = new ArModel(_order, window);
        var scan = _lead + frame + _maxGap + (2 * Reach) + _lead;
        _forward = new float[scan];
        _backward = new float[scan];
        _sorted = new float[frame];
        _runs = new (int, int)[MaxRunsPerFrame];
        _found = new (int, int, float)[MaxRunsPerFrame];
        var most = 2 * (_maxGap + (2 * Reach));
        _unknowns = new int[most];
        _lsar = new LsarInterpolator(_order, most, frame + _maxGap + (4 * Reach));
        return (frame, ahead, ahead + _order);
    }

    // The frame's model from its samples and the model's order either side; false on silence or a degenerate stretch.
    private bool Fit(float[] x) => _fit.Fit(x.AsSpan(FrameAt - _order, Frame + (2 * _order)));

    protected override void OnReset()
    {
        _repairs.Clear();
        LeftAsMusic.Clear();
        Clicks = 0;
        SamplesRepaired = 0;
    }

    protected override void RepairFrame(int channel, float[] x)
    {
        if (!Fit(x))
        {
            return;
        }

        _period = 0;
        var runs = Find(x, count: true);
        if (runs == 0)
        {
            return;
        }

        var lsar = _lsar!;
        lsar.SetModel(_fit.Coefficients);
        Rebuild(x, runs);

        // Janssen's iteration: the model again, from the frame with its clicks rebuilt, and the same samples
        // anew; then a second look with it, for what the first model hid (a burst's tail, a click beside one).
        if (!Fit(x))
        {
            Count(channel, _runs.AsSpan(0, runs), []);
            return;
        }

        lsar.SetModel(_fit.Coefficients);
        Rebuild(x, runs);
        Span<(int Start, int End)> first = stackalloc (int, int)[runs];
        _runs.AsSpan(0, runs).CopyTo(first);
        var more = Find(x, count: false);
        Rebuild(x, more);
        Count(channel, first, _runs.AsSpan(0, more));
    }

    // Rebuilds _runs[0..runs) under the model last set; runs closer than the model's order share their good
    // samples' errors, so they are rebuilt together.
    private void Rebuild(float[] x, int runs)
    {
        var lsar = _lsar!;
        for (var r = 0; r < runs;)
        {
            var m = 0;
            var first = r;
            do
            {
                for (var i = _runs[r].Start; i < _runs[r].End && m < _unknowns.Length; i++)
                {
                    _unknowns[m++] = i;
                }

                r++;
            }
            while (r < runs && _runs[r].Start - _runs[r - 1].End < _order
                && m + (_runs[r].End - _runs[r].Start) <= _unknowns.Length
                && _runs[r].End - _runs[first].Start <= lsar.MaxSpan);

            lsar.Interpolate(x, _unknowns.AsSpan(0, m), _fit.Coefficients);
        }
    }

    // Counts the first look's runs as clicks, and the second look's samples with them (a click of its own
    // where it touches none of the first's).
    private void Count(int channel, ReadOnlySpan<(int Start, int End)> first, ReadOnlySpan<(int Start, int End)> second)
    {
        foreach (var (start, end) in first)
        {
            Add(channel, start, end);
        }

        foreach (var (start, end) in second)
        {
            var touches = false;
            foreach (var (s, e) in first)
            {
                touches |= start <= e && end >= s;
            }

            if (touches)
            {
                SamplesRepaired += end - start;
            }
            else
            {
                Add(channel, start, end);
            }
        }
    }

    private void Add(int channel, int start, int end)
    {
        Clicks++;
        SamplesRepaired += end - start;
        if (_repairs.Count < MaxListed)
        {
            _repairs.Add(new ClickRepair(Base + start, end - start, channel));
        }
    }

    // The damaged runs starting in the frame, in _runs; how many. The errors are taken from _lead samples
    // before the frame to _lead after the longest run that can start in it, for the local scale around a run.
    private int Find(float[] x, bool count)
    {
        var scan = _forward.Length;
        var start = FrameAt - _lead;
        // Most frames hold no forward error near the limit: the forward errors are first taken over the frame
        // alone, and the rest (the margins around a run, the backward errors) only beside a forward one.
        var inFrame = Frame + (2 * Reach);
        Errors(x, start + _lead - Reach, inFrame, backward: false, _forward, at: _lead - Reach);
        var threshold = (float)_settings.Threshold;
        var forwardLimit = threshold * Scale(_forward.AsSpan(_lead, Frame));
        if (!(forwardLimit > 0) || VectorMath.MaxAbs(_forward.AsSpan(_lead - Reach, inFrame)) <= forwardLimit)
        {
            return 0;
        }

        Errors(x, start, _lead - Reach, backward: false, _forward);
        Errors(x, start + _lead + Frame + Reach, scan - (_lead + Frame + Reach), backward: false, _forward, at: _lead + Frame + Reach);
        Errors(x, start, scan, backward: true, _backward);
        var backwardLimit = threshold * Scale(_backward.AsSpan(_lead, Frame));
        if (!(backwardLimit > 0))
        {
            return 0;
        }

        var found = 0;
        var last = scan - _lead;
        for (var n = _lead; n < _lead + Frame && found < MaxRunsPerFrame; n++)
        {
            if (!Damaged(n, forwardLimit, backwardLimit))
            {
                continue;
            }

            // A run starts above the limits and goes on while the errors stay above a third of them (a burst
            // decays into the music); dips shorter than half the model's order are the same burst, the samples in
            // them rebuilt with it (kept as good, they would steer the fill).
            var (forwardLow, backwardLow) = (forwardLimit / 3, backwardLimit / 3);
            while (n > _lead - Reach && Damaged(n - 1, forwardLow, backwardLow))
            {
                n--;
            }

            var end = n + 1;
            for (var gap = 0; end < last && gap <= _order / 2; end++)
            {
                gap = Damaged(end, forwardLow, backwardLow) ? 0 : gap + 1;
            }

            while (end > n + 1 && !Damaged(end - 1, forwardLow, backwardLow))
            {
                end--;
            }

            _found[found++] = (n, end, VectorMath.MaxAbs(_forward.AsSpan(n, end - n)));
            n = end;
        }

        var runs = 0;
        for (var i = 0; i < found; i++)
        {
            // The run already reaches Reach samples past the damage either side: a margin rebuilt with it.
            var (n, end, peak) = _found[i];
            var (from, to) = (start + n, start + end);
            if (to - from > _maxGap + (2 * Reach))
            {
                LeftAsMusic.Long += count ? 1 : 0;
            }
            else if (!Stands(n, end, threshold))
            {
                LeftAsMusic.Busy += count ? 1 : 0;
            }
            else if (Onset(x, from, to))
            {
                LeftAsMusic.Onset += count ? 1 : 0;
            }
            else if (Crowded(found, i, peak) || Periodic(x, n, end))
            {
                LeftAsMusic.Periodic += count ? 1 : 0;
            }
            else
            {
                _runs[runs++] = (from, to);
            }
        }

        return runs;
    }

    // A waveform's corners come many to a frame, alike in size (a buzz, a bit-crushed synth's steps); clicks on
    // a record come one or two to a frame. A run with CrowdSize others at least half as strong in its frame is
    // the waveform's.
    private bool Crowded(int found, int index, float peak)
    {
        var alike = 0;
        for (var j = 0; j < found; j++)
        {
            alike += j != index && _found[j].Peak >= peak / 2 ? 1 : 0;
        }

        return alike >= CrowdSize;
    }

    // A click stands out of the error around it as well as out of the frame's: at a drum's hit or a consonant
    // the error is large for milliseconds on end, and a run there is the music's. The forward error is
    // disturbed for the model's order after a click and the backward one as long before it: those are left out.
    private bool Stands(int from, int to, float threshold)
    {
        var forwardPeak = VectorMath.MaxAbs(_forward.AsSpan(from, to - from));
        var backwardPeak = VectorMath.MaxAbs(_backward.AsSpan(from, to - from));
        var forwardAround = Mean(_forward.AsSpan(from - _local, _local - Reach), _forward.AsSpan(to + _order, _local));
        var backwardAround = Mean(_backward.AsSpan(from - _order - _local, _local), _backward.AsSpan(to + Reach, _local));
        return forwardPeak > threshold * forwardAround && backwardPeak > threshold * backwardAround;
    }

    // A waveform's own corners (a sawtooth's or a buzz's jump, every period) surprise the model as a click
    // does, but recur: where the frame is periodic, a run whose forward error peaks again, at least half as
    // high, one period before or after it is the waveform's. The period is the frame's (its normalised
    // autocorrelation's highest peak from 2 to 20 ms, above 0.8), found once a frame and only when needed.
    private bool Periodic(float[] x, int from, int to)
    {
        if (_period == 0)
        {
            _period = Period(x);
        }

        if (_period < 0)
        {
            return false;
        }

        var start = FrameAt - _lead;
        var peak = VectorMath.MaxAbs(_forward.AsSpan(from, to - from));
        var length = to - from + (2 * Reach);
        return PeakError(x, start + from - Reach - _period, length) >= peak * RecurringShare
            || PeakError(x, start + from - Reach + _period, length) >= peak * RecurringShare;
    }

    private int Period(float[] x)
    {
        var frame = x.AsSpan(FrameAt, Frame);
        var energy = VectorMath.SumOfSquares(frame);
        var (best, bestLag) = (PeriodicCorrelation, -1);
        for (var lag = _shortestPeriod; lag <= _longestPeriod; lag++)
        {
            var earlier = x.AsSpan(FrameAt - lag, Frame);
            var r = VectorMath.Dot(frame, earlier) / Math.Sqrt(Math.Max(energy * VectorMath.SumOfSquares(earlier), 1e-30));
            if (r > best)
            {
                (best, bestLag) = (r, lag);
            }
        }

        return bestLag;
    }

    // The largest |forward error| over x[at..at+length) under the frame's model.
    private float PeakError(float[] x, int at, int length)
    {
        var peak = 0.0f;
        for (var n = at; n < at + length; n++)
        {
            var e = (double)x[n];
            for (var k = 1; k <= _order; k++)
            {
                e += _fit.Coefficients[k] * x[n - k];
            }

            peak = Math.Max(peak, (float)Math.Abs(e));
        }

        return peak;
    }

    // A standard deviation from the mean absolute error either side (Gaussian: mean |e| = 0.7979 sigma).
    private static float Mean(ReadOnlySpan<float> before, ReadOnlySpan<float> after) =>
        (float)((VectorMath.Sum(before) + VectorMath.Sum(after)) / (before.Length + after.Length) * 1.2533);

    // Both errors within Reach samples of n above their limits.
    private bool Damaged(int n, float forwardLimit, float backwardLimit)
    {
        var forward = false;
        var backward = false;
        for (var k = -Reach; k <= Reach; k++)
        {
            forward |= _forward[n + k] > forwardLimit;
            backward |= _backward[n + k] > backwardLimit;
        }

        return forward && backward;
    }

    // A note's onset raises the level after it; an edit into or out of digital silence (a file's first or last
    // sample, the silence that flushes the chain) is a step, not a click: all three are left alone.
    private bool Onset(float[] x, int from, int to)
    {
        var before = VectorMath.SumOfSquares(x.AsSpan(from - _context, _context));
        var after = VectorMath.SumOfSquares(x.AsSpan(to, _context));
        return after == 0.0 || after > OnsetRise * Math.Max(before, 1e-20);
    }

    // |prediction error| at start..start+length, forwards (from the past) or backwards (from the future).
    private void Errors(float[] x, int start, int length, bool backward, float[] errors, int at = 0)
    {
        var e = errors.AsSpan(at, length);
        x.AsSpan(start, length).CopyTo(e);
        for (var k = 1; k <= _order; k++)
        {
            var from = backward ? start + k : start - k;
            VectorMath.MultiplyAdd(x.AsSpan(from, length), (float)_fit.Coefficients[k], e);
        }

        VectorMath.Abs(e);
    }

    // A robust standard deviation of the errors: their median over 0.6745 (the median found by selection, not
    // by sorting: a sort of every frame's errors cost as much as the rest of the detection).
    private float Scale(ReadOnlySpan<float> errors)
    {
        var values = _sorted.AsSpan(0, errors.Length);
        errors.CopyTo(values);
        return Select(values, values.Length / 2) / 0.6745f;
    }

    // The k-th smallest of the values (Hoare's selection; the values are reordered).
    private static float Select(Span<float> values, int k)
    {
        var (low, high) = (0, values.Length - 1);
        while (low < high)
        {
            var pivot = values[low + ((high - low) / 2)];
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }
}
