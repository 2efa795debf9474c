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
    /// Adds noise to every channel (each its own), white or pink (-3 dB an octave, Paul Kellet's filter of white
    /// noise), scaled so that the signal stands <paramref name="snrDb"/> over it (power over every channel).
    /// </summary>
    public static void AddNoise(float[][] channels, bool pink, double snrDb, int seed)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var random = new Random(seed);
        var noise = new double[channels.Length][];
        double signal = 0, power = 0;
        for (var c = 0; c < channels.Length; c++)
        {
            noise[c] = new double[channels[c].Length];
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
            for (var i = 0; i < noise[c].Length; i++)
            {
                // Gaussian by Box-Muller.
                var white = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                if (pink)
                {
                    b0 = (0.99886 * b0) + (white * 0.0555179);
                    b1 = (0.99332 * b1) + (white * 0.0750759);
                    b2 = (0.96900 * b2) + (white * 0.1538520);
                    b3 = (0.86650 * b3) + (white * 0.3104856);
                    b4 = (0.55000 * b4) + (white * 0.5329522);
                    b5 = (-0.7616 * b5) - (white * 0.0168980);
                    white = b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362);
                    b6 = white * 0.115926;
                }

                noise[c][i] = white;
                power += white * white;
                signal += (double)channels[c][i] * channels[c][i];
            }
        }

        var scale = Math.Sqrt(signal / power / Math.Pow(10, snrDb / 10));
        for (var c = 0; c < channels.Length; c++)
        {
            for (var i = 0; i < noise[c].Length; i++)
            {
                channels[c][i] += (float)(noise[c][i] * scale);
            }
        }
    }

    /// <summary>
    /// The delay (frames, 0 to <paramref name="maxLag"/>) by which <paramref name="delayed"/> lags
    /// <paramref name="reference"/>: the lag of the largest cross-correlation of the channels' sum over two
    /// seconds from the middle. For a filter that does not take its own latency out (ffmpeg's afftdn).
    /// </summary>
    public static int Delay(float[][] reference, float[][] delayed, int maxLag)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(delayed);
        var frames = Math.Min(reference[0].Length, delayed[0].Length);
        var length = Math.Min(96000, frames - maxLag);
        var from = Math.Max(0, (frames - length - maxLag) / 2);
        var a = new double[length];
        var b = new double[length + maxLag];
        for (var c = 0; c < reference.Length; c++)
        {
            for (var i = 0; i < length; i++)
            {
                a[i] += reference[c][from + i];
            }

            for (var i = 0; i < length + maxLag; i++)
            {
                b[i] += delayed[c][from + i];
            }
        }

        var best = 0;
        var most = double.NegativeInfinity;
        for (var lag = 0; lag <= maxLag; lag++)
        {
            var sum = 0.0;
            for (var i = 0; i < length; i++)
            {
                sum += a[i] * b[i + lag];
            }

            if (sum > most)
            {
                (most, best) = (sum, lag);
            }
        }

        return best;
    }

    /// <summary><paramref name="channels"/> moved <paramref name="lag"/> frames earlier, the end filled with silence.</summary>
    public static float[][] Advance(float[][] channels, int lag)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return [.. channels.Select(c => c.Skip(lag).Concat(new float[lag]).ToArray())];
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
