using System.Text.Json.Serialization;

namespace RenderFarm.Grains;

/// <summary>Render one track of a session to its stems.</summary>
[GenerateSerializer, Immutable]
public sealed record TrackTaskSpec : RenderTaskSpec
{
    [Id(0)] public required string SessionPath { get; init; }

    [Id(1)] public required int TrackIndex { get; init; }

    [Id(2)] public required string StemsDirectory { get; init; }

    [JsonIgnore]
    public override TaskKind Kind => TaskKind.Track;
}
