namespace RenderFarm.Grains;

/// <summary>What a render task does: its kind and the paths and settings its command needs (the same for every attempt).</summary>
[GenerateSerializer, Immutable]
public sealed record RenderTaskSpec
{
    [Id(0)] public required TaskKind Kind { get; init; }

    /// <summary>The title the task belongs to; told when the task ends.</summary>
    [Id(1)] public required string TitleId { get; init; }

    /// <summary>The session document (track and mixdown tasks).</summary>
    [Id(2)] public string? SessionPath { get; init; }

    [Id(3)] public int TrackIndex { get; init; }

    [Id(4)] public string? StemsDirectory { get; init; }

    /// <summary>The mix to write (mixdown) or to master (master).</summary>
    [Id(5)] public string? MixPath { get; init; }

    /// <summary>A delivery target's name or a profile document's path (master).</summary>
    [Id(6)] public string? Profile { get; init; }

    [Id(7)] public string? OutputDirectory { get; init; }

    [Id(8)] public TitleTags Tags { get; init; } = new();

    /// <summary>Priority 0 (lowest) to 100, from the catalogue.</summary>
    [Id(9)] public int Priority { get; init; } = 50;

    /// <summary>The time written into the master's BWF header: the title's start, the same for every attempt.</summary>
    [Id(10)] public DateTimeOffset Origination { get; init; }

    /// <summary>The deliverable's position in the profile (deliverable tasks).</summary>
    [Id(11)] public int DeliverableIndex { get; init; }

    /// <summary>Where the float master is made (master) and read (deliverable); null when the master task makes the deliverables itself.</summary>
    [Id(12)] public string? MasterDirectory { get; init; }

    /// <summary>A master task whose source is an album document: the whole album is mastered in it.</summary>
    [Id(13)] public bool Album { get; init; }

    /// <summary>The deliverables' name (see <see cref="TitleSpec.FileStem"/>); null: the source's.</summary>
    [Id(14)] public string? FileStem { get; init; }

    /// <summary>For a master task making its deliverables in one pass: where they go (null: the output folder).</summary>
    [Id(15)] public string? DeliveryDirectory { get; init; }

    /// <summary>For a master task: the reference recording to match (see <see cref="TitleSpec.Reference"/>).</summary>
    [Id(16)] public string? Reference { get; init; }

    [Id(17)] public double ReferenceAmount { get; init; } = 100;
}
