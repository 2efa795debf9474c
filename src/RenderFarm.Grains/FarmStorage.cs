namespace RenderFarm.Grains;

/// <summary>The name of the grain storage the farm's grains keep their state in.</summary>
public static class FarmStorage
{
    public const string Name = "farm";
}
