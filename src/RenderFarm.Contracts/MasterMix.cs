namespace RenderFarm.Contracts;

/// <summary>
/// Command: master the mix at <see cref="InputPath"/> with <see cref="Profile"/> into <see cref="OutputDirectory"/>,
/// tagging the deliverables with <see cref="Metadata"/>. With <see cref="MasterDirectory"/> the task makes the float
/// master there and no deliverable (each deliverable is then an <see cref="EncodeDeliverable"/> of its own) and
/// writes the master's report into <see cref="OutputDirectory"/>; without it, every deliverable is made in the same
/// pass. Paths are relative to the media root.
/// </summary>
public sealed record MasterMix
{
    public required string TaskId { get; init; }

    public required int Attempt { get; init; }

    /// <summary>The mix to master.</summary>
    public required string InputPath { get; init; }

    /// <summary>A delivery target's name (<c>spotify</c>) or a profile document's path.</summary>
    public required string Profile { get; init; }

    public required string OutputDirectory { get; init; }

    public TitleMetadata Metadata { get; init; } = new();

    /// <summary>The time written into the BWF master (fixed, so every attempt gives the same bytes).</summary>
    public required DateTimeOffset Origination { get; init; }

    /// <summary>Where to make the float master for the deliverable tasks; null: every deliverable in this pass.</summary>
    public string? MasterDirectory { get; init; }

    /// <summary>Names the deliverables (a back catalogue's name, with folders and <c>{format}</c>); null: the mix's name.</summary>
    public string? FileStem { get; init; }

    /// <summary>Where a one-pass master puts its deliverables; null: the output folder.</summary>
    public string? DeliveryDirectory { get; init; }

    /// <summary>The recording the master is matched towards; null: none.</summary>
    public ReferenceRecording? Reference { get; init; }
}
