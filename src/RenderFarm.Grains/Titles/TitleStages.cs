namespace RenderFarm.Grains.Titles;

/// <summary>The stages a title goes through, in order.</summary>
public static class TitleStages
{
    public const string Tracks = "tracks";
    public const string Mixdown = "mixdown";
    public const string Master = "master";
    public const string Deliverables = "deliverables";
    public const string Done = "done";
}
