using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Declip;

/// <summary>How de-clip rebuilds clipped runs.</summary>
public sealed record DeclipSettings
{
    /// <summary>The longest clipped run rebuilt, in ms (longer ones are left: a square wave, or beyond repair).</summary>
    public double MaxRunMs { get; init; } = 5.0;

    /// <summary>The autoregressive model's order.</summary>
    public int Order { get; init; } = 32;

    public void Validate(string path = "declip")
    {
        Guard.InRange(MaxRunMs, 0.05, 20.0, $"{path}.max_run_ms", "ms");
        Guard.InRange(Order, 8, 96, $"{path}.order", "");
    }
}
