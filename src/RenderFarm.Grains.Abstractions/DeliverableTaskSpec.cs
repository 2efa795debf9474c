using System.Text.Json.Serialization;

namespace RenderFarm.Grains;

/// <summary>Make one deliverable of the profile from a title's float master.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliverableTaskSpec : RenderTaskSpec
{
    /// <summary>Where the master task left the float master.</summary>
    [Id(0)] public required string MasterDirectory { get; init; }

    /// <summary>A delivery target's name or a profile document's path (the master's).</summary>
    [Id(1)] public required string Profile { get; init; }

    /// <summary>The deliverable's position in the profile.</summary>
    [Id(2)] public required int DeliverableIndex { get; init; }

    /// <summary>Where the file goes.</summary>
    [Id(3)] public required string OutputDirectory { get; init; }

    [JsonIgnore]
    public override TaskKind Kind => TaskKind.Deliverable;
}
