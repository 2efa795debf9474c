using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Declick;

/// <summary>How de-click finds and rebuilds clicks, crackle and short bursts.</summary>
public sealed record DeclickSettings
{
    /// <summary>
    /// How far above the typical prediction error (its robust standard deviation) both the forward and the
    /// backward error must stand for a sample to count as damaged; lower finds more (and touches more music).
    /// </summary>
    public double Threshold { get; init; } = 12.0;

    /// <summary>The longest burst rebuilt, in ms (longer events are the music's own transients).</summary>
    public double MaxClickMs { get; init; } = 3.0;

    /// <summary>The autoregressive model's order (more rebuilds longer bursts better, and costs more).</summary>
    public int Order { get; init; } = 32;

    public void Validate(string path = "declick")
    {
        Guard.InRange(Threshold, 3.0, 100.0, $"{path}.threshold", "");
        Guard.InRange(MaxClickMs, 0.05, 10.0, $"{path}.max_click_ms", "ms");
        Guard.InRange(Order, 8, 96, $"{path}.order", "");
    }
}
