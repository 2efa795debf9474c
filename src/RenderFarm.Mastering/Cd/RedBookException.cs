namespace RenderFarm.Mastering.Cd;

/// <summary>A disc that breaks Red Book rules; every broken rule is listed.</summary>
public sealed class RedBookException(IReadOnlyList<RedBookViolation> violations)
    : Exception("the disc breaks the Red Book: " + string.Join("; ", violations))
{
    public IReadOnlyList<RedBookViolation> Violations { get; } = violations;
}
