namespace RenderFarm.Testing;

/// <summary>
/// Faults injected into clean audio at known places, for restoration's tests and benchmark, and the measure
/// they are judged by: the signal-to-distortion ratio against the clean original.
/// </summary>
public static class Faults
{
    /// <summary>
    /// Adds <paramref name="perMinute"/> clicks per minute at random places (the same places in every channel,
    /// as a scratch on a record): a third single-sample impulses, the rest bursts of 2 to
    /// <paramref name="longest"/> samples of decaying noise; peaks from 0.1 to 0.6 of full scale, either sign.
    /// Returns each click's first frame and length, in order.
    /// </summary>
    public static IReadOnlyList<(long Start, int Length)> AddClicks(float[][] channels, int sampleRate, double perMinute, int longest, int seed)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var random = new Random(seed);
        var frames = channels[0].Length;
        var count = (int)Math.Round(perMinute * frames / sampleRate / 60.0);
        // Clicks at least 20 ms apart, as on a record, so that each is one event.
        var spacing = sampleRate / 50;
        var starts = new SortedSet<long>();
        while (starts.Count < count)
        {
            var at = random.NextInt64(spacing, frames - spacing - longest);
            if (starts.GetViewBetween(at - spacing, at + spacing).Count == 0)
            {
                starts.Add(at);
            }
        }

        var clicks = new List<(long, int)>();
        foreach (var start in starts)
        {
            var length = random.NextDouble() < 1.0 / 3 ? 1 : random.Next(2, longest + 1);
            var peak = (0.1 + (0.5 * random.NextDouble())) * (random.Next(2) == 0 ? -1 : 1);
            for (var i = 0; i < length; i++)
            {
                var shape = length == 1 ? 1.0 : Math.Exp(-3.0 * i / length) * ((2 * random.NextDouble()) - 1);
                foreach (var channel in channels)
                {
                    channel[start + i] += (float)(peak * shape);
                }
            }

            clicks.Add((start, length));
        }

        return clicks;
    }

    /// <summary>
    /// Adds mains hum to every channel: <paramref name="harmonics"/> harmonics of <paramref name="mainsHz"/>
    /// (amplitudes falling as 1/k), its fundamental drifting <paramref name="driftHz"/> peak to peak over 20 s,
    /// at <paramref name="rmsDbfs"/> RMS.
    /// </summary>
    public static void AddHum(float[][] channels, int sampleRate, double mainsHz, double rmsDbfs, double driftHz, int harmonics = 6)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var norm = Math.Sqrt(Enumerable.Range(1, harmonics).Sum(k => 0.5 / (k * k)));
        var scale = Math.Pow(10, rmsDbfs / 20) / norm;
        var phase = 0.0;
        for (var i = 0; i < channels[0].Length; i++)
        {
            var t = i / (double)sampleRate;
            phase += 2 * Math.PI * (mainsHz + (driftHz / 2 * Math.Sin(2 * Math.PI * t / 20.0))) / sampleRate;
            var hum = 0.0;
            for (var k = 1; k <= harmonics; k++)
            {
                hum += Math.Sin(k * phase) / k;
            }

            foreach (var channel in channels)
            {
                channel[i] += (float)(hum * scale);
            }
        }
    }

    /// <summary>
    /// The signal-to-distortion ratio of <paramref name="processed"/> against <paramref name="clean"/> in dB,
    /// over every channel, from <paramref name="from"/> for <paramref name="frames"/> frames.
    /// </summary>
    public static double Sdr(float[][] clean, float[][] processed, int from = 0, int frames = -1)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(processed);
        if (frames < 0)
        {
            frames = clean[0].Length - from;
        }

        double signal = 0, error = 0;
        for (var c = 0; c < clean.Length; c++)
        {
            for (var i = from; i < from + frames; i++)
            {
                double s = clean[c][i];
                var d = processed[c][i] - s;
                signal += s * s;
                error += d * d;
            }
        }

        return 10.0 * Math.Log10(signal / Math.Max(error, 1e-30));
    }
}
