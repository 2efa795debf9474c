namespace RenderFarm.Mastering.Targets;

/// <summary>
/// A delivery specification: the integrated loudness to land on (null for none, as for a CD master),
/// the tolerance QC accepts, the true-peak ceiling, and how the platform normalises playback.
/// </summary>
public sealed record DeliveryTarget
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public double? IntegratedLufs { get; init; }

    public double ToleranceLu { get; init; } = 0.5;

    public required double CeilingDbtp { get; init; }

    public PlatformNormalization? Normalization { get; init; }

    /// <summary>Throws naming the field (under <paramref name="path"/>) when a value is outside what is accepted.</summary>
    public void Validate(string path = "$.target")
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ProfileException($"{path}.name", "must not be empty");
        }

        if (IntegratedLufs is { } i)
        {
            ProfileException.InRange(i, -40, -5, $"{path}.integrated_lufs", "LUFS");
        }

        ProfileException.InRange(ToleranceLu, 0.05, 5, $"{path}.tolerance_lu", "LU");
        ProfileException.InRange(CeilingDbtp, -12, 0, $"{path}.ceiling_dbtp", "dBTP");
    }
}
