using System.Text.Json.Serialization;
using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>
/// Master a stereo mix: to every deliverable in one pass, or, with <see cref="MasterDirectory"/>, to the float
/// master that a <see cref="DeliverableTaskSpec"/> task per deliverable works from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MasterTaskSpec : RenderTaskSpec
{
    /// <summary>The mix to master.</summary>
    [Id(0)] public required string MixPath { get; init; }

    /// <summary>A delivery target's name or a profile document's path.</summary>
    [Id(1)] public required string Profile { get; init; }

    /// <summary>Where the report (and, in one pass without a <see cref="DeliveryDirectory"/>, the deliverables) go.</summary>
    [Id(2)] public required string OutputDirectory { get; init; }

    [Id(3)] public TitleMetadata Tags { get; init; } = new();

    /// <summary>The time written into the master's BWF header: the title's start, the same for every attempt.</summary>
    [Id(4)] public required DateTimeOffset Origination { get; init; }

    /// <summary>Where the float master is made for the deliverable tasks; null: the deliverables are made in this pass.</summary>
    [Id(5)] public string? MasterDirectory { get; init; }

    /// <summary>The deliverables' name (see <see cref="TitleSpec.FileStem"/>); null: the source's.</summary>
    [Id(6)] public string? FileStem { get; init; }

    /// <summary>In one pass: where the deliverables go (null: the output folder).</summary>
    [Id(7)] public string? DeliveryDirectory { get; init; }

    /// <summary>The recording the master is matched towards; null: none.</summary>
    [Id(8)] public ReferenceRecording? Reference { get; init; }

    [JsonIgnore]
    public override TaskKind Kind => TaskKind.Master;
}
