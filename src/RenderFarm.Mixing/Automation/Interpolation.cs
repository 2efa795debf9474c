namespace RenderFarm.Mixing.Automation;

/// <summary>How an automation lane moves between two breakpoints.</summary>
public enum Interpolation
{
    /// <summary>A straight line in the parameter's own unit (dB for gains).</summary>
    Linear,

    /// <summary>Holds each value until the next breakpoint.</summary>
    Step,

    /// <summary>A raised-cosine S-curve: no corner at the breakpoints.</summary>
    Smooth,
}
