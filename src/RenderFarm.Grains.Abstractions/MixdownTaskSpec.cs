using System.Text.Json.Serialization;

namespace RenderFarm.Grains;

/// <summary>Mix a session's stems down to its stereo mix.</summary>
[GenerateSerializer, Immutable]
public sealed record MixdownTaskSpec : RenderTaskSpec
{
    [Id(0)] public required string SessionPath { get; init; }

    [Id(1)] public required string StemsDirectory { get; init; }

    /// <summary>The mix to write.</summary>
    [Id(2)] public required string MixPath { get; init; }

    [JsonIgnore]
    public override TaskKind Kind => TaskKind.Mixdown;
}
