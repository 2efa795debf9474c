using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>One title of a catalogue: its source (a session document or a stereo mix), profile, output folder and tags.</summary>
[GenerateSerializer, Immutable]
public sealed record TitleSpec
{
    [Id(0)] public required TitleKind Kind { get; init; }

    /// <summary>The session document or the mix, inside the media root.</summary>
    [Id(1)] public required string Source { get; init; }

    /// <summary>A delivery target's name or a profile document's path.</summary>
    [Id(2)] public required string Profile { get; init; }

    /// <summary>Where the title's deliverables (and, for sessions, its stems and mix) go.</summary>
    [Id(3)] public required string OutputDirectory { get; init; }

    /// <summary>For a session, the tracks that sound (the others are not rendered); found when the catalogue is made.</summary>
    [Id(4)] public IReadOnlyList<int> Tracks { get; init; } = [];

    [Id(5)] public TitleMetadata Tags { get; init; } = new();

    /// <summary>
    /// The labels of the profile's deliverables, in its order: each becomes a task of its own after the master.
    /// Empty: the master task makes every deliverable in its pass.
    /// </summary>
    [Id(6)] public IReadOnlyList<string> Deliverables { get; init; } = [];

    /// <summary>
    /// A back catalogue's name for the deliverables, relative to <see cref="DeliveryDirectory"/> (folders with '/',
    /// <c>{format}</c> filled per deliverable); null: the source's name in the title's own folder.
    /// </summary>
    [Id(7)] public string? FileStem { get; init; }

    /// <summary>Where the deliverables go when <see cref="FileStem"/> names them (the catalogue's delivery tree); reports stay in the title's folder.</summary>
    [Id(8)] public string? DeliveryDirectory { get; init; }

    /// <summary>A reference recording (in the media root) the title is mastered towards; null: none.</summary>
    [Id(9)] public string? Reference { get; init; }

    /// <summary>How far towards <see cref="Reference"/>, 0 to 100 %.</summary>
    [Id(10)] public double ReferenceAmount { get; init; } = 100;

    /// <summary>The profile has a restore section: the recording is restored, as a task of its own, before the master.</summary>
    [Id(11)] public bool Restore { get; init; }
}
