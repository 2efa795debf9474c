namespace RenderFarm.Mastering.Cd;

/// <summary>CD time: frames of 1/75 s, written mm:ss:ff.</summary>
public static class CdTime
{
    public const int FramesPerSecond = 75;

    /// <summary>Samples (per channel, at 44.1 kHz) in one CD frame.</summary>
    public const int SamplesPerFrame = 588;

    public const int SampleRate = 44_100;

    public static string Format(long frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{frames / (60 * FramesPerSecond):00}:{frames / FramesPerSecond % 60:00}:{frames % FramesPerSecond:00}");
    }

    /// <summary>mm:ss:ff back to frames; null when it is not such a time (seconds under 60, frames under 75).</summary>
    public static long? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3 || !parts.All(p => p.Length is >= 2 and <= 3 && p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var (m, s, f) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        return s < 60 && f < FramesPerSecond ? (((m * 60L) + s) * FramesPerSecond) + f : null;
    }

    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * FramesPerSecond);
}
