using System.Text.Json.Serialization;

namespace RenderFarm.Grains;

/// <summary>
/// What a render task does, the same for every attempt: one record per kind of task, each with just the paths and
/// settings its command needs (paths relative to the media root). In the HTTP API's JSON, <c>kind</c> says which.
/// </summary>
[GenerateSerializer, Immutable]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TrackTaskSpec), nameof(TaskKind.Track))]
[JsonDerivedType(typeof(MixdownTaskSpec), nameof(TaskKind.Mixdown))]
[JsonDerivedType(typeof(MasterTaskSpec), nameof(TaskKind.Master))]
[JsonDerivedType(typeof(AlbumTaskSpec), nameof(TaskKind.Album))]
[JsonDerivedType(typeof(DeliverableTaskSpec), nameof(TaskKind.Deliverable))]
[JsonDerivedType(typeof(RestoreTaskSpec), nameof(TaskKind.Restore))]
public abstract record RenderTaskSpec
{
    /// <summary>The title the task belongs to; told when the task ends.</summary>
    [Id(0)] public required string TitleId { get; init; }

    /// <summary>Priority 0 (lowest) to 100, from the catalogue.</summary>
    [Id(1)] public int Priority { get; init; } = 50;

    [JsonIgnore]
    public abstract TaskKind Kind { get; }
}
