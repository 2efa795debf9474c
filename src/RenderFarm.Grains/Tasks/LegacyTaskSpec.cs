using RenderFarm.Contracts;

namespace RenderFarm.Grains.Tasks;

/// <summary>
/// A task's spec as state written before the specs were typed by kind held it (one record of mostly optional
/// fields): read from storage only, and turned into its kind's spec when the task activates.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LegacyTaskSpec
{
    [Id(0)] public TaskKind Kind { get; init; }

    [Id(1)] public string TitleId { get; init; } = string.Empty;

    [Id(2)] public string? SessionPath { get; init; }

    [Id(3)] public int TrackIndex { get; init; }

    [Id(4)] public string? StemsDirectory { get; init; }

    [Id(5)] public string? MixPath { get; init; }

    [Id(6)] public string? Profile { get; init; }

    [Id(7)] public string? OutputDirectory { get; init; }

    [Id(8)] public TitleMetadata Tags { get; init; } = new();

    [Id(9)] public int Priority { get; init; } = 50;

    [Id(10)] public DateTimeOffset Origination { get; init; }

    [Id(11)] public int DeliverableIndex { get; init; }

    [Id(12)] public string? MasterDirectory { get; init; }

    [Id(13)] public bool Album { get; init; }

    [Id(14)] public string? FileStem { get; init; }

    [Id(15)] public string? DeliveryDirectory { get; init; }

    [Id(16)] public string? Reference { get; init; }

    [Id(17)] public double ReferenceAmount { get; init; } = 100;

    /// <summary>The spec of its kind.</summary>
    public RenderTaskSpec Upgrade()
    {
        var reference = Reference is { } path ? new ReferenceRecording(path, ReferenceAmount) : null;
        return Kind switch
        {
            TaskKind.Track => new TrackTaskSpec { TitleId = TitleId, Priority = Priority, SessionPath = SessionPath ?? "", TrackIndex = TrackIndex, StemsDirectory = StemsDirectory ?? "" },
            TaskKind.Mixdown => new MixdownTaskSpec { TitleId = TitleId, Priority = Priority, SessionPath = SessionPath ?? "", StemsDirectory = StemsDirectory ?? "", MixPath = MixPath ?? "" },
            TaskKind.Master when Album => new AlbumTaskSpec { TitleId = TitleId, Priority = Priority, AlbumPath = MixPath ?? "", Profile = Profile ?? "", OutputDirectory = OutputDirectory ?? "", Origination = Origination, Reference = reference },
            TaskKind.Master => new MasterTaskSpec
            {
                TitleId = TitleId,
                Priority = Priority,
                MixPath = MixPath ?? "",
                Profile = Profile ?? "",
                OutputDirectory = OutputDirectory ?? "",
                Tags = Tags,
                Origination = Origination,
                MasterDirectory = MasterDirectory,
                FileStem = FileStem,
                DeliveryDirectory = DeliveryDirectory,
                Reference = reference,
            },
            _ => new DeliverableTaskSpec { TitleId = TitleId, Priority = Priority, MasterDirectory = MasterDirectory ?? "", Profile = Profile ?? "", DeliverableIndex = DeliverableIndex, OutputDirectory = OutputDirectory ?? "" },
        };
    }
}
