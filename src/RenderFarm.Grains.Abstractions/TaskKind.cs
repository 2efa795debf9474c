namespace RenderFarm.Grains;

/// <summary>What a render task does (the values are stored: new kinds go at the end).</summary>
public enum TaskKind
{
    /// <summary>Render one track of a session to its stems.</summary>
    Track,

    /// <summary>Mix a session's stems down to a stereo mix.</summary>
    Mixdown,

    /// <summary>Master a stereo mix: to its deliverables in one pass, or to a float master its deliverable tasks work from.</summary>
    Master,

    /// <summary>Make one deliverable from a title's float master.</summary>
    Deliverable,

    /// <summary>Master a whole album in one task: its songs, disc and track files.</summary>
    Album,

    /// <summary>Restore a recording (clicks, clipping, hum, noise...) before it is mastered.</summary>
    Restore,
}
