using System.Numerics;
using System.Globalization;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;

namespace RenderFarm.Mastering.Qc;

/// <summary>
/// Streams a programme once and finds what a mastering house checks: clipping, inter-sample overs (and
/// overs of a delivery ceiling), clicks and pops, DC offset, silence at head and tail, and dropouts. The
/// stereo and loudness findings come from the meters' reports in <see cref="Findings"/>.
/// </summary>
public sealed class QcScanner : IAudioMeter
{
    private const double DropoutContextSeconds = 0.1;
    private const double DropoutContextDbfs = -40.0;
    private const double DropoutLevel = 1e-4;
    private const int ContextCells = 100;
    private const int MaxFindingsPerKind = 200;

    private readonly QcSettings _settings;
    private readonly double? _ceilingDbtp;
    private readonly List<QcFinding> _findings = [];
    private readonly List<(long Start, long End, int ChannelMask, int Count)> _clipRuns = [];
    private readonly List<(long Start, long End, float Peak)> _overs = [];
    private readonly List<(long Start, long End, float Peak)> _ceilingOvers = [];
    private readonly List<PendingDropout> _pendingDropouts = [];
    private readonly List<(long Start, long End)> _dropouts = [];
    private double[] _recentCells = [];
    private long _cells;
    private AudioSpec _spec;
    private TruePeakDetector? _interpolator;
    private ClickDetector[] _clicks = [];
    private float[][] _history = [];
    private float[] _segments = [];
    private float[] _level = [];
    private long[] _clipStart = [];
    private double[] _dcSum = [];
    private float _ceiling;
    private float _fullScale;
    private float _silence;
    private long _frames;
    private long _firstSound = -1;
    private long _lastSound = -1;
    private long _quietStart = -1;
    private double _quietBefore;
    private int _cellFrames;
    private int _cellCount;
    private double _cellSum;

    /// <param name="settings">Thresholds.</param>
    /// <param name="ceilingDbtp">The delivery ceiling to check the true peak against; null for none (a mix before mastering).</param>
    public QcScanner(QcSettings settings, double? ceilingDbtp)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _ceilingDbtp = ceilingDbtp;
    }

    public long Frames => _frames;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _spec = spec;
        _interpolator = new TruePeakDetector(spec.SampleRate, spec.Channels);
        _clicks = Enumerable.Range(0, spec.Channels).Select(_ => new ClickDetector(spec.SampleRate, _settings.ClickThreshold)).ToArray();
        _history = Enumerable.Range(0, spec.Channels).Select(_ => new float[TruePeakDetector.SegmentHistory + spec.MaxBlockFrames]).ToArray();
        _segments = new float[spec.MaxBlockFrames];
        _level = new float[spec.MaxBlockFrames];
        _ceiling = _ceilingDbtp is { } ceiling ? (float)Decibels.ToAmplitude(ceiling) : float.PositiveInfinity;
        _fullScale = (float)_settings.FullScale;
        _silence = (float)Decibels.ToAmplitude(_settings.SilenceDbfs);
        _cellFrames = Math.Max(1, spec.SampleRate / 1000);
        _recentCells = new double[ContextCells];
        Reset();
    }

    public void Reset()
    {
        _findings.Clear();
        _clipRuns.Clear();
        _overs.Clear();
        _ceilingOvers.Clear();
        _pendingDropouts.Clear();
        _dropouts.Clear();
        Array.Clear(_recentCells);
        _cells = 0;
        _clipStart = Enumerable.Repeat(-1L, _spec.Channels).ToArray();
        _dcSum = new double[_spec.Channels];
        foreach (var h in _history)
        {
            Array.Clear(h);
        }

        _frames = 0;
        _firstSound = _lastSound = _quietStart = -1;
        _cellCount = 0;
        _cellSum = 0;
    }

    public void Add(AudioBlock block)
    {
        var interpolator = _interpolator ?? throw new InvalidOperationException("the scanner must be prepared before use");
        var n = block.Frames;
        var segments = _segments.AsSpan(0, n);
        segments.Clear();
        var threshold = Math.Min(_ceiling, 1.0f);
        for (var c = 0; c < block.Channels; c++)
        {
            var x = block[c];
            var peak = VectorMath.MaxAbs(x);
            if (_clipStart[c] >= 0 || peak >= _fullScale)
            {
                ScanClipping(x, c);
            }

            _clicks[c].Add(x);
            var history = _history[c];
            x.CopyTo(history.AsSpan(TruePeakDetector.SegmentHistory));

            // Only segments above the threshold are findings; when no sample of the channel here is loud
            // enough for any interpolated point to pass it, the interpolation is skipped (exact).
            var window = history.AsSpan(0, TruePeakDetector.SegmentHistory + n);
            if (Math.Max(peak, VectorMath.MaxAbs(window[..TruePeakDetector.SegmentHistory])) * interpolator.OvershootBound > threshold)
            {
                interpolator.SegmentPeaks(window, segments);
            }

            history.AsSpan(n, TruePeakDetector.SegmentHistory).CopyTo(history);
            _dcSum[c] += VectorMath.Sum(x);
        }

        if (VectorMath.MaxAbs(segments) > threshold)
        {
            ScanOvers(segments);
        }

        ScanSilence(block);
        _frames += n;
    }

    /// <summary>
    /// Every finding, in time order, given the programme's loudness, its stereo report (null for mono) and
    /// the loudness target it should meet (null for none).
    /// </summary>
    public IReadOnlyList<QcFinding> Findings(LoudnessReport loudness, StereoReport? stereo, double? targetLufs, double toleranceLu, IReadOnlyList<(double Start, double Correlation)>? correlationWindows)
    {
        ArgumentNullException.ThrowIfNull(loudness);
        var findings = new List<QcFinding>();
        var duration = Seconds(_frames);
        foreach (var (start, end, mask, count) in _clipRuns)
        {
            int? channel = BitOperations.PopCount((uint)mask) == 1 ? BitOperations.TrailingZeroCount(mask) : null;
            findings.Add(new QcFinding(QcKinds.Clipping, Seconds(start), Seconds(end), QcSeverity.Error,
                $"{count} run(s) of {_settings.ClippingRun} or more consecutive full-scale samples", channel));
        }

        foreach (var (start, end, peak) in _overs)
        {
            findings.Add(new QcFinding(QcKinds.InterSampleOver, Seconds(start), Seconds(end), QcSeverity.Warning,
                F($"the waveform between samples reaches {Decibels.FromAmplitude(peak):+0.00;-0.00} dBTP"), null, Round(Decibels.FromAmplitude(peak))));
        }

        foreach (var (start, end, peak) in _ceilingOvers)
        {
            findings.Add(new QcFinding(QcKinds.TruePeakOverCeiling, Seconds(start), Seconds(end), QcSeverity.Error,
                F($"true peak {Decibels.FromAmplitude(peak):0.00} dBTP is over the {_ceilingDbtp:0.0} dBTP ceiling"), null, Round(Decibels.FromAmplitude(peak))));
        }

        for (var c = 0; c < _clicks.Length; c++)
        {
            foreach (var (start, end, ratio) in _clicks[c].Clicks)
            {
                findings.Add(new QcFinding(QcKinds.Click, Seconds(start), Seconds(end), QcSeverity.Warning,
                    F($"an impulsive disturbance {ratio:0} times the local prediction error"), c, Round(ratio)));
            }
        }

        var unlisted = _clicks.Sum(c => c.MoreClicks);
        if (unlisted > 0)
        {
            findings.Add(new QcFinding(QcKinds.Click, 0, duration, QcSeverity.Warning, F($"{unlisted} further clicks, not listed one by one"), null, unlisted));
        }

        for (var c = 0; c < _dcSum.Length && _frames > 0; c++)
        {
            var dc = _dcSum[c] / _frames;
            var db = Decibels.FromAmplitude(Math.Abs(dc));
            if (db > _settings.DcOffsetDbfs)
            {
                findings.Add(new QcFinding(QcKinds.DcOffset, 0, duration, db > _settings.DcOffsetDbfs + 20 ? QcSeverity.Error : QcSeverity.Warning,
                    F($"DC offset of {dc:+0.00000;-0.00000} ({db:0.0} dBFS)"), c, Round(db)));
            }
        }

        AddStereoFindings(findings, stereo, correlationWindows, duration);
        AddSilenceFindings(findings, duration);
        if (targetLufs is { } target && double.IsFinite(loudness.IntegratedLufs) && Math.Abs(loudness.IntegratedLufs - target) > toleranceLu)
        {
            findings.Add(new QcFinding(QcKinds.LoudnessOutOfSpec, 0, duration, QcSeverity.Error,
                F($"integrated loudness {loudness.IntegratedLufs:0.0} LUFS is outside {target:0.0} +-{toleranceLu:0.0#} LU"), null, Round(loudness.IntegratedLufs)));
        }

        return Capped(findings).OrderBy(f => f.StartSeconds).ThenBy(f => f.Kind, StringComparer.Ordinal).ToArray();
    }

    private void AddStereoFindings(List<QcFinding> findings, StereoReport? stereo, IReadOnlyList<(double Start, double Correlation)>? windows, double duration)
    {
        if (stereo is null)
        {
            return;
        }

        if (stereo.Correlation < -0.5)
        {
            findings.Add(new QcFinding(QcKinds.PolarityInverted, 0, duration, QcSeverity.Error,
                F($"left and right correlate at {stereo.Correlation:0.00} over the whole programme: one channel looks polarity-inverted (mono fold-down loses {stereo.MonoLossDb:0.0} dB)"), null, Round(stereo.Correlation)));
            return;
        }

        if (windows is null)
        {
            return;
        }

        // Only sustained cancellation counts: at least two consecutive one-second windows.
        var negative = windows.Where(w => w.Correlation < _settings.NegativeCorrelation).ToArray();
        foreach (var group in MergeRuns(negative.Select(w => ((long)(w.Start * 1000), (long)((w.Start + 1) * 1000))), 1).Where(g => g.Count >= 2))
        {
            var worst = negative.Where(w => w.Start * 1000 >= group.Start && w.Start * 1000 < group.End).Min(w => w.Correlation);
            findings.Add(new QcFinding(QcKinds.NegativeCorrelation, group.Start / 1000.0, group.End / 1000.0, worst < -0.5 ? QcSeverity.Error : QcSeverity.Warning,
                F($"left and right correlate negatively (down to {worst:0.00}): this part cancels in mono"), null, Round(worst)));
        }
    }

    private void AddSilenceFindings(List<QcFinding> findings, double duration)
    {
        if (_firstSound < 0)
        {
            findings.Add(new QcFinding(QcKinds.SilenceHead, 0, duration, QcSeverity.Error, F($"the whole programme is below {_settings.SilenceDbfs:0} dBFS")));
            return;
        }

        var head = Seconds(_firstSound);
        if (head > _settings.HeadSilenceSeconds)
        {
            findings.Add(new QcFinding(QcKinds.SilenceHead, 0, head, head > 2 ? QcSeverity.Warning : QcSeverity.Info, F($"{head:0.00} s of silence before the programme starts")));
        }

        var tailStart = Seconds(_lastSound + 1);
        if (duration - tailStart > _settings.TailSilenceSeconds)
        {
            findings.Add(new QcFinding(QcKinds.SilenceTail, tailStart, duration, QcSeverity.Warning, F($"{duration - tailStart:0.00} s of silence after the programme ends")));
        }

        foreach (var (start, end) in _dropouts)
        {
            findings.Add(new QcFinding(QcKinds.Dropout, Seconds(start), Seconds(end), QcSeverity.Error,
                F($"{(end - start) * 1000.0 / _spec.SampleRate:0.0} ms of near-digital silence inside the programme")));
        }
    }

    // A report of thousands of the same finding helps nobody: the first ones, then a count of the rest.
    private static IEnumerable<QcFinding> Capped(List<QcFinding> findings)
    {
        foreach (var kind in findings.GroupBy(f => f.Kind))
        {
            var all = kind.OrderBy(f => f.StartSeconds).ToArray();
            foreach (var f in all.Take(MaxFindingsPerKind))
            {
                yield return f;
            }

            if (all.Length > MaxFindingsPerKind)
            {
                var rest = all[MaxFindingsPerKind..];
                yield return new QcFinding(kind.Key, rest[0].StartSeconds, rest[^1].EndSeconds, rest.Max(f => f.Severity),
                    $"{rest.Length} more {kind.Key} findings after these", null, rest.Length);
            }
        }
    }

    private void ScanClipping(ReadOnlySpan<float> x, int channel)
    {
        var runStart = _clipStart[channel];
        for (var i = 0; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) >= _fullScale)
            {
                if (runStart < 0)
                {
                    runStart = _frames + i;
                }
            }
            else if (runStart >= 0)
            {
                CloseClip(runStart, _frames + i, channel);
                runStart = -1;
            }
        }

        _clipStart[channel] = runStart;
    }

    // Runs closer than 100 ms merge into one region as they are found, so a clipped master keeps a short list.
    private void CloseClip(long start, long end, int channel)
    {
        if (end - start < _settings.ClippingRun)
        {
            return;
        }

        var gap = _spec.SampleRate / 10;
        for (var i = _clipRuns.Count - 1; i >= 0 && i >= _clipRuns.Count - 4; i--)
        {
            var r = _clipRuns[i];
            if (start <= r.End + gap && end >= r.Start - gap)
            {
                _clipRuns[i] = (Math.Min(r.Start, start), Math.Max(r.End, end), r.ChannelMask | (1 << channel), r.Count + 1);
                return;
            }
        }

        _clipRuns.Add((start, end, 1 << channel, 1));
    }

    // Segment i ends with the block's frame i and starts SegmentDelay frames before it.
    private void ScanOvers(ReadOnlySpan<float> segments)
    {
        var gap = _spec.SampleRate / 20;
        for (var i = 0; i < segments.Length; i++)
        {
            var peak = segments[i];
            if (peak <= _ceiling && peak <= 1.0f)
            {
                continue;
            }

            var at = Math.Max(0, _frames + i - TruePeakDetector.SegmentDelay);
            if (peak > 1.0f)
            {
                Extend(_overs, at, peak, gap);
            }

            if (peak > _ceiling)
            {
                Extend(_ceilingOvers, at, peak, gap);
            }
        }
    }

    private static void Extend(List<(long Start, long End, float Peak)> regions, long at, float peak, int gap)
    {
        if (regions.Count > 0 && at - regions[^1].End <= gap)
        {
            regions[^1] = (regions[^1].Start, at + 1, Math.Max(regions[^1].Peak, peak));
        }
        else
        {
            regions.Add((at, at + 1, peak));
        }
    }

    private void ScanSilence(AudioBlock block)
    {
        var level = _level.AsSpan(0, block.Frames);
        VectorMath.MaxAbsAcrossChannels(block, level);
        var i = 0;
        while (i < level.Length)
        {
            // Energy of whole 1 ms cells for the dropout context, a cell at a time.
            var cellRest = Math.Min(_cellFrames - _cellCount, level.Length - i);
            for (var c = 0; c < block.Channels; c++)
            {
                var x = block[c].Slice(i, cellRest);
                _cellSum += VectorMath.SumOfSquares(x) / block.Channels;
            }

            var cell = level.Slice(i, cellRest);
            if (VectorMath.MaxAbs(cell) > _silence)
            {
                var at = _frames + i;
                for (var k = 0; k < cell.Length; k++)
                {
                    if (cell[k] > _silence)
                    {
                        _firstSound = _firstSound < 0 ? at + k : _firstSound;
                        _lastSound = at + k;
                    }
                }
            }

            if (_quietStart >= 0 || MinOf(cell) < DropoutLevel)
            {
                ScanQuiet(cell, _frames + i);
            }

            _cellCount += cellRest;
            i += cellRest;
            if (_cellCount == _cellFrames)
            {
                CompleteCell(_cellSum / _cellFrames);
                _cellSum = 0;
                _cellCount = 0;
            }
        }
    }

    private void ScanQuiet(ReadOnlySpan<float> level, long start)
    {
        for (var k = 0; k < level.Length; k++)
        {
            var at = start + k;
            if (level[k] < DropoutLevel)
            {
                if (_quietStart < 0)
                {
                    // The 100 ms before the silence, from the cells already complete.
                    _quietStart = at;
                    _quietBefore = _cells >= ContextCells ? _recentCells.Average() : 0;
                }
            }
            else if (_quietStart >= 0)
            {
                if (at - _quietStart >= _settings.DropoutMs * _spec.SampleRate / 1000 && _quietBefore > Decibels.ToPower(DropoutContextDbfs))
                {
                    _pendingDropouts.Add(new PendingDropout(_quietStart, at, at / _cellFrames));
                }

                _quietStart = -1;
            }
        }
    }

    // A quiet run with sound before it becomes a dropout once the 100 ms after it prove loud too.
    private void CompleteCell(double energy)
    {
        _recentCells[_cells % ContextCells] = energy;
        _cells++;
        for (var p = _pendingDropouts.Count - 1; p >= 0; p--)
        {
            var d = _pendingDropouts[p];
            if (_cells - 1 <= d.EndCell)
            {
                continue;
            }

            d.AfterSum += energy;
            d.AfterCount++;
            if (d.AfterCount == ContextCells)
            {
                if (d.AfterSum / ContextCells > Decibels.ToPower(DropoutContextDbfs))
                {
                    _dropouts.Add((d.Start, d.End));
                }

                _pendingDropouts.RemoveAt(p);
            }
        }
    }

    private static float MinOf(ReadOnlySpan<float> values)
    {
        var min = float.MaxValue;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    private sealed class PendingDropout(long start, long end, long endCell)
    {
        public long Start { get; } = start;

        public long End { get; } = end;

        public long EndCell { get; } = endCell;

        public double AfterSum { get; set; }

        public int AfterCount { get; set; }
    }

    private static IEnumerable<(long Start, long End, int Count)> MergeRuns(IEnumerable<(long Start, long End)> runs, long gap)
    {
        (long Start, long End, int Count)? current = null;
        foreach (var (start, end) in runs.OrderBy(r => r.Start))
        {
            if (current is { } c && start - c.End <= gap)
            {
                current = (c.Start, Math.Max(c.End, end), c.Count + 1);
            }
            else
            {
                if (current is { } done)
                {
                    yield return done;
                }

                current = (start, end, 1);
            }
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private double Seconds(long frames) => Math.Round((double)frames / _spec.SampleRate, 4);

    private static double Round(double v) => Math.Round(v, 3);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
