using RenderFarm.Dsp;
using RenderFarm.Restoration.Declick;

namespace RenderFarm.Restoration.Declip;

/// <summary>
/// Rebuilds clipped runs, channel by channel, at the clip levels the analysis found: every sample at a clip
/// level is unknown, and the run is rebuilt by least-squares AR interpolation held consistent with the clip
/// (a rebuilt sample lies beyond the level it was clipped at: where the unconstrained fill falls short, the
/// sample is held at the level and the rest solved again). The model comes from the frame and is estimated
/// again from the rebuilt frame (Janssen's iteration). Rebuilt peaks go past full scale: the output needs the
/// headroom (a float file, or a gain). Output lags input by <see cref="FrameRepair.LatencyFrames"/>.
/// </summary>
public sealed class Declipper : FrameRepair
{
    // Consistency rounds: each holds at the clip level the samples the last fill left inside it.
    private const int MaxRounds = 8;
    private const int MaxRunsPerFrame = 512;

    private readonly DeclipSettings _settings;
    private readonly IReadOnlyList<ClipLevel> _levels;
    private int[] _unknowns = [];
    private (int Start, int End, int Sign)[] _runs = [];
    private long[] _doneUntil = [];
    private LsarInterpolator? _lsar;
    private ArModel _fit = new(1, 2);
    private int _order;
    private int _maxRun;

    public Declipper(IReadOnlyList<ClipLevel> levels, DeclipSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        _settings = settings ?? new DeclipSettings();
        _settings.Validate();
        _levels = levels;
    }

    /// <summary>Clipped runs rebuilt (every channel).</summary>
    public long Runs { get; private set; }

    /// <summary>Samples rebuilt.</summary>
    public long SamplesRepaired { get; private set; }

    /// <summary>Runs longer than the longest rebuilt, left clipped.</summary>
    public long LeftTooLong { get; private set; }

    /// <summary>The largest magnitude a rebuilt sample reached (the headroom the output needs).</summary>
    public double Peak { get; private set; }

    protected override (int Frame, int Ahead, int Before) Layout(AudioSpec spec)
    {
        if (_levels.Count != spec.Channels)
        {
            throw new ArgumentException($"clip levels are given for {_levels.Count} channel(s), the audio has {spec.Channels}", nameof(spec));
        }

        _order = _settings.Order;
        var frame = 1024 * Math.Max(1, (int)Math.Round(spec.SampleRate / 48_000.0));
        _maxRun = Math.Max(1, (int)Math.Round(_settings.MaxRunMs * spec.SampleRate / 1000.0));
        var window = frame + (2 * _order);
        _fit = new ArModel(_order, window);
        // A frame of a loud, clipped master can be a third clipped: room for all of it and a longest run.
        var most = frame + _maxRun;
        _unknowns = new int[most];
        _runs = new (int, int, int)[MaxRunsPerFrame];
        _doneUntil = new long[spec.Channels];
        _lsar = new LsarInterpolator(_order, most, frame + (2 * _maxRun) + (2 * _order));
        return (frame, _maxRun + (2 * _order) + 8, _maxRun + (2 * _order));
    }

    // The frame's model from its samples and the model's order either side; false on silence or a degenerate stretch.
    private bool Fit(float[] x) => _fit.Fit(x.AsSpan(FrameAt - _order, Frame + (2 * _order)));

    protected override void OnReset()
    {
        Array.Clear(_doneUntil);
        Runs = 0;
        SamplesRepaired = 0;
        LeftTooLong = 0;
        Peak = 0;
    }

    protected override void RepairFrame(int channel, float[] x)
    {
        var level = _levels[channel];
        if (!level.Any)
        {
            return;
        }

        var runs = Find(channel, x, level);
        if (runs == 0)
        {
            return;
        }

        // The model from the clipped frame, a first fill; the model again from the filled frame, a second.
        var lsar = _lsar!;
        for (var pass = 0; pass < 2; pass++)
        {
            if (!Fit(x))
            {
                return;
            }

            lsar.SetModel(_fit.Coefficients);
            Rebuild(x, runs, level);
        }

        for (var r = 0; r < runs; r++)
        {
            var (start, end, _) = _runs[r];
            Runs++;
            SamplesRepaired += end - start;
            for (var i = start; i < end; i++)
            {
                Peak = Math.Max(Peak, Math.Abs(x[i]));
            }
        }

        _doneUntil[channel] = Base + _runs[runs - 1].End;
    }

    // The clipped runs starting in the frame (a run the last frame rebuilt is not found again).
    private int Find(int channel, float[] x, ClipLevel level)
    {
        var runs = 0;
        var high = level.Positive is { } p ? (float)p : float.PositiveInfinity;
        var low = level.Negative is { } n ? (float)n : float.NegativeInfinity;
        var end = FrameAt + Frame;
        for (var i = Math.Max(FrameAt, (int)(_doneUntil[channel] - Base)); i < end && runs < MaxRunsPerFrame; i++)
        {
            var sign = x[i] >= high ? 1 : x[i] <= low ? -1 : 0;
            if (sign == 0)
            {
                continue;
            }

            var to = i + 1;
            while (to < end + _maxRun && (sign > 0 ? x[to] >= high : x[to] <= low))
            {
                to++;
            }

            if (to - i > _maxRun)
            {
                LeftTooLong++;
            }
            else
            {
                _runs[runs++] = (i, to, sign);
            }

            i = to;
        }

        return runs;
    }

    // Fills every run under the model last set, consistent with the clip: runs closer than the model's order
    // are solved together; a sample the fill leaves inside its clip level is held at the level and the rest
    // solved again.
    private void Rebuild(float[] x, int runs, ClipLevel level)
    {
        var lsar = _lsar!;
        for (var r = 0; r < runs;)
        {
            var first = r;
            var m = 0;
            do
            {
                for (var i = _runs[r].Start; i < _runs[r].End; i++)
                {
                    _unknowns[m++] = i;
                }

                r++;
            }
            while (r < runs && _runs[r].Start - _runs[r - 1].End < _order
                && m + (_runs[r].End - _runs[r].Start) <= _unknowns.Length
                && _runs[r].End - _runs[first].Start <= lsar.MaxSpan);

            // A held sample is set at its level and is a known sample from then on.
            for (var round = 0; round < MaxRounds && m > 0; round++)
            {
                if (!lsar.Interpolate(x, _unknowns.AsSpan(0, m), _fit.Coefficients))
                {
                    break;
                }

                var kept = 0;
                for (var u = 0; u < m; u++)
                {
                    var i = _unknowns[u];
                    var at = Level(i, first, r, level);
                    if (at > 0 ? x[i] < at : x[i] > at)
                    {
                        x[i] = at;
                    }
                    else
                    {
                        _unknowns[kept++] = i;
                    }
                }

                if (kept == m)
                {
                    break;
                }

                m = kept;
            }
        }
    }

    // The clip level of sample i, one of the runs first..last (the level on its side).
    private float Level(int i, int first, int last, ClipLevel level)
    {
        for (var r = first; r < last; r++)
        {
            if (i >= _runs[r].Start && i < _runs[r].End)
            {
                return _runs[r].Sign > 0 ? (float)level.Positive!.Value : (float)level.Negative!.Value;
            }
        }

        throw new InvalidOperationException($"sample {i} is in none of the runs");
    }

}
