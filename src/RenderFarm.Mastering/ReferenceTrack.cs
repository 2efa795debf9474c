namespace RenderFarm.Mastering;

/// <summary>
/// A reference recording a title is mastered towards: its long-term spectrum (a smooth correction before the
/// chain) and its integrated loudness (the target moves towards it), both by <see cref="AmountPercent"/>;
/// 0 % changes nothing.
/// </summary>
public sealed record ReferenceTrack(string Path, double AmountPercent = 100)
{
    /// <summary>Checks the amount, naming the field.</summary>
    public ReferenceTrack Validated(string path = "reference")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Path);
        if (!double.IsFinite(AmountPercent) || AmountPercent < 0 || AmountPercent > 100)
        {
            throw new ProfileException($"{path}.amount_percent", $"{AmountPercent} is out of range: accepted 0 to 100 %");
        }

        return this;
    }
}
