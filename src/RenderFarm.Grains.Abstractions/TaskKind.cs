namespace RenderFarm.Grains;

/// <summary>What a render task does.</summary>
public enum TaskKind
{
    /// <summary>Render one track of a session to its stems.</summary>
    Track,

    /// <summary>Mix a session's stems down to a stereo mix.</summary>
    Mixdown,

    /// <summary>Master a stereo mix to its deliverables.</summary>
    Master,
}
