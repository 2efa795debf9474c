namespace RenderFarm.Mixing.Automation;

/// <summary>A breakpoint: the parameter's value at a time on the session's timeline.</summary>
public sealed record AutomationPoint(double TimeSeconds, double Value);
