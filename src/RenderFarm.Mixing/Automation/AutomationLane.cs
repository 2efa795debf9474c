namespace RenderFarm.Mixing.Automation;

/// <summary>
/// An automation lane: a parameter (as named in the session, e.g. <c>gain_db</c>, <c>pan</c>,
/// <c>sends[0].level_db</c>, <c>inserts[1].threshold_db</c>) and its breakpoints in time order. Before
/// the first breakpoint the lane holds the first value, after the last the last.
/// </summary>
public sealed record AutomationLane
{
    public required string Parameter { get; init; }

    public required IReadOnlyList<AutomationPoint> Points { get; init; }

    public Interpolation Interpolation { get; init; } = Interpolation.Linear;

    /// <summary>The value at <paramref name="seconds"/>: exactly the breakpoint's value at a breakpoint.</summary>
    public double ValueAt(double seconds)
    {
        var points = Points;
        if (seconds <= points[0].TimeSeconds)
        {
            return points[0].Value;
        }

        if (seconds >= points[^1].TimeSeconds)
        {
            return points[^1].Value;
        }

        var hi = Segment(seconds);
        return Between(points[hi - 1], points[hi], seconds);
    }

    /// <summary>The value at every frame from <paramref name="firstFrame"/> (sample-accurate: frame n is at n / rate).</summary>
    public void Fill(long firstFrame, int sampleRate, Span<float> values)
    {
        var points = Points;
        var n = 0;
        while (n < values.Length)
        {
            var t = (double)(firstFrame + n) / sampleRate;
            if (points.Count == 1 || t >= points[^1].TimeSeconds)
            {
                // After the last breakpoint: its value to the end.
                values[n..].Fill((float)points[^1].Value);
                break;
            }

            if (t < points[0].TimeSeconds)
            {
                // Before the first breakpoint: its value, up to the frame at or after it.
                var end = (int)Math.Clamp(FrameAtOrAfter(points[0].TimeSeconds, sampleRate) - firstFrame, n + 1, values.Length);
                values[n..end].Fill((float)points[0].Value);
                n = end;
                continue;
            }

            var hi = Segment(t);
            var (a, b) = (points[hi - 1], points[hi]);
            var segmentEnd = (int)Math.Clamp(FrameAtOrAfter(b.TimeSeconds, sampleRate) - firstFrame, n + 1, values.Length);
            for (; n < segmentEnd; n++)
            {
                values[n] = (float)Between(a, b, (double)(firstFrame + n) / sampleRate);
            }
        }
    }

    /// <summary>True when the lane changes value anywhere between the two times (inclusive).</summary>
    public bool Moves(double fromSeconds, double toSeconds) =>
        Points.Count > 1 && toSeconds >= Points[0].TimeSeconds && fromSeconds <= Points[^1].TimeSeconds;

    // The first point strictly after t (t inside the lane's span).
    private int Segment(double t)
    {
        int lo = 1, hi = Points.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Points[mid].TimeSeconds > t)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private double Between(AutomationPoint a, AutomationPoint b, double t)
    {
        if (t >= b.TimeSeconds)
        {
            return b.Value;
        }

        var x = (t - a.TimeSeconds) / (b.TimeSeconds - a.TimeSeconds);
        return Interpolation switch
        {
            Interpolation.Step => a.Value,
            Interpolation.Smooth => a.Value + ((b.Value - a.Value) * 0.5 * (1.0 - Math.Cos(Math.PI * x))),
            _ => a.Value + ((b.Value - a.Value) * x),
        };
    }

    private static long FrameAtOrAfter(double seconds, int sampleRate) => (long)Math.Ceiling(seconds * sampleRate);
}
