using RenderFarm.Dsp.Metering;

namespace RenderFarm.Dsp.Dynamics;

/// <summary>
/// A look-ahead limiter that holds the true peak (4x oversampled, as BS.1770 measures it) at or below a
/// ceiling. For every sample it works out the gain its neighbourhood needs, takes the minimum over the
/// look-ahead window, lets it rise back with an exponential release, and averages it over the same window:
/// the gain then ramps down smoothly before each peak and is never above what any sample needs. One gain
/// drives all channels. Output lags input by <see cref="LatencyFrames"/>.
/// </summary>
public sealed class TruePeakLimiter : IAudioProcessor
{
    private readonly LimiterSettings _settings;
    private TruePeakDetector? _interpolator;
    private float[][] _combined = [];
    private float[] _segments = [];
    private float[] _gains = [];
    private long[] _dequeIndex = [];
    private float[] _dequeValue = [];
    private float[] _released = [];
    private int _dequeHead;
    private int _dequeCount;
    private int _window;
    private int _delay;
    private long _frames;
    private float _ceiling;
    private float _previousSegment;
    private double _releaseStep;
    private double _lastReleased;
    private double _sum;
    private int _slot;

    public TruePeakLimiter(LimiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public LimiterSettings Settings => _settings;

    public int LatencyFrames => _delay;

    /// <summary>The deepest gain reduction so far, in dB (0 or negative).</summary>
    public double MaxGainReductionDb { get; private set; }

    /// <summary>Frames that were turned down by more than 0.1 dB so far.</summary>
    public long LimitedFrames { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _interpolator = new TruePeakDetector(spec.SampleRate, spec.Channels);
        _window = Math.Max(8, (int)Math.Round(_settings.LookaheadMs * 0.001 * spec.SampleRate));
        _delay = _window + TruePeakDetector.SegmentDelay - 1;
        _combined = Enumerable.Range(0, spec.Channels).Select(_ => new float[_delay + spec.MaxBlockFrames]).ToArray();
        _segments = new float[spec.MaxBlockFrames];
        _gains = new float[spec.MaxBlockFrames];
        _dequeIndex = new long[_window + 1];
        _dequeValue = new float[_window + 1];
        _released = new float[_window];
        _ceiling = (float)Decibels.ToAmplitude(_settings.CeilingDbtp - _settings.SafetyMarginDb);
        _releaseStep = 1.0 - Math.Exp(-1.0 / (_settings.ReleaseMs * 0.001 * spec.SampleRate));
        Reset();
    }

    public void Reset()
    {
        foreach (var c in _combined)
        {
            Array.Clear(c);
        }

        Array.Fill(_released, 1.0f);
        _sum = _window;
        _slot = 0;
        _lastReleased = 1.0;
        _dequeHead = 0;
        _dequeCount = 0;
        _frames = 0;
        _previousSegment = 0;
        MaxGainReductionDb = 0;
        LimitedFrames = 0;
    }

    public void Process(AudioBlock block)
    {
        var interpolator = _interpolator ?? throw new InvalidOperationException("the limiter must be prepared before use");
        var n = block.Frames;
        var segments = _segments.AsSpan(0, n);
        segments.Clear();
        for (var c = 0; c < block.Channels; c++)
        {
            var combined = _combined[c];
            block[c].CopyTo(combined.AsSpan(_delay));
            interpolator.SegmentPeaks(combined.AsSpan(_delay - TruePeakDetector.SegmentHistory, TruePeakDetector.SegmentHistory + n), segments);
        }

        ComputeGains(segments, _gains.AsSpan(0, n));
        for (var c = 0; c < block.Channels; c++)
        {
            var combined = _combined[c];
            var output = block[c];
            combined.AsSpan(0, n).CopyTo(output);
            VectorMath.Multiply(output, _gains.AsSpan(0, n));
            combined.AsSpan(n, _delay).CopyTo(combined);
        }

        _frames += n;
    }

    // One gain per frame of this block, for the output frame that leaves now (the input _delay frames ago).
    // Ring indices wrap by comparison: this loop runs once per sample.
    private void ComputeGains(ReadOnlySpan<float> segments, Span<float> gains)
    {
        var window = _window;
        var ceiling = _ceiling;
        var releaseStep = _releaseStep;
        var capacity = _dequeValue.Length;
        var head = _dequeHead;
        var count = _dequeCount;
        var lastReleased = _lastReleased;
        var previousSegment = _previousSegment;
        var sum = _sum;
        var slot = _slot;
        var deepest = 1.0;
        long limited = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            // The segment that ended with this input frame starts at sample j.
            var j = _frames + i - TruePeakDetector.SegmentDelay;
            if (j < 0)
            {
                gains[i] = 1.0f;
                continue;
            }

            var peak = Math.Max(segments[i], previousSegment);
            previousSegment = segments[i];
            var required = peak > ceiling ? ceiling / peak : 1.0f;

            // Sliding minimum of the required gain over the last `window` samples (monotonic deque).
            while (count > 0)
            {
                var last = head + count - 1;
                if (last >= capacity)
                {
                    last -= capacity;
                }

                if (_dequeValue[last] < required)
                {
                    break;
                }

                count--;
            }

            var tail = head + count;
            if (tail >= capacity)
            {
                tail -= capacity;
            }

            _dequeIndex[tail] = j;
            _dequeValue[tail] = required;
            count++;
            if (_dequeIndex[head] <= j - window)
            {
                head = head + 1 == capacity ? 0 : head + 1;
                count--;
            }

            var held = _dequeValue[head];
            var released = Math.Min(held, lastReleased + ((1.0 - lastReleased) * releaseStep));
            lastReleased = released;

            // Box average over the window: the gain for sample j - window + 1.
            sum += released - _released[slot];
            _released[slot] = (float)released;
            slot = slot + 1 == window ? 0 : slot + 1;
            var gain = Math.Min(1.0, sum / window);
            gains[i] = (float)gain;
            deepest = Math.Min(deepest, gain);
            limited += gain < 0.98855 ? 1 : 0;
        }

        _dequeHead = head;
        _dequeCount = count;
        _lastReleased = lastReleased;
        _previousSegment = previousSegment;
        _sum = sum;
        _slot = slot;
        LimitedFrames += limited;

        if ((_frames / 65_536) != ((_frames + segments.Length) / 65_536))
        {
            // Rebuild the running sum now and then so rounding cannot drift.
            _sum = _released.Sum(v => (double)v);
        }

        MaxGainReductionDb = Math.Min(MaxGainReductionDb, Decibels.FromAmplitude(deepest));
    }
}
