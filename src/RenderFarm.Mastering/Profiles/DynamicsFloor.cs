namespace RenderFarm.Mastering.Profiles;

/// <summary>
/// How far loudness may be pushed: the master's peak-to-loudness ratio and loudness range must stay at or
/// above these. When the target would need less, the floor decides the level and the report says so.
/// </summary>
public sealed record DynamicsFloor
{
    public double? MinPlrDb { get; init; }

    public double? MinLraLu { get; init; }

    public void Validate(string path = "$.dynamics_floor")
    {
        if (MinPlrDb is { } plr)
        {
            ProfileException.InRange(plr, 3, 30, $"{path}.min_plr_db", "dB");
        }

        if (MinLraLu is { } lra)
        {
            ProfileException.InRange(lra, 0, 30, $"{path}.min_lra_lu", "LU");
        }
    }
}
