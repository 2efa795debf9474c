namespace RenderFarm.Grains;

/// <summary>What a catalogue title starts from.</summary>
public enum TitleKind
{
    /// <summary>A multitrack session: its tracks render, then the mixdown, then mastering.</summary>
    Session,

    /// <summary>A stereo mix that goes straight to mastering.</summary>
    Mix,

    /// <summary>
    /// An album document (<c>*.album.json</c>): its songs mastered together in one task (album loudness,
    /// consistency, per-track files, the disc's image, CUE sheet and DDP image).
    /// </summary>
    Album,
}
