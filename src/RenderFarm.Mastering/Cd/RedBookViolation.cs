namespace RenderFarm.Mastering.Cd;

/// <summary>A Red Book rule a disc breaks: which rule, which track (1-based; null for the disc), and what to fix.</summary>
public sealed record RedBookViolation(string Rule, int? Track, string Message)
{
    public override string ToString() => Track is { } t ? $"track {t}: {Message} ({Rule})" : $"disc: {Message} ({Rule})";
}
