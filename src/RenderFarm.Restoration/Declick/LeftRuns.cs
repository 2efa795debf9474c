namespace RenderFarm.Restoration.Declick;

/// <summary>
/// Runs de-click found above its threshold and left alone as the music's own: longer than a click, inside a
/// busy stretch (a hit, a consonant), at a note's onset, or recurring every period of the waveform.
/// </summary>
public sealed class LeftRuns
{
    public long Long { get; internal set; }

    public long Busy { get; internal set; }

    public long Onset { get; internal set; }

    public long Periodic { get; internal set; }

    internal void Clear() => (Long, Busy, Onset, Periodic) = (0, 0, 0, 0);
}
