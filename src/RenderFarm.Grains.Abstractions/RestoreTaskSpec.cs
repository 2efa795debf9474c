using System.Text.Json.Serialization;

namespace RenderFarm.Grains;

/// <summary>
/// Restore a recording before it is mastered, by the restore section of its profile: the restored file goes to
/// <see cref="OutputPath"/>, and what each repair did (restore.json) beside it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RestoreTaskSpec : RenderTaskSpec
{
    /// <summary>The recording (or a session's mix) to restore.</summary>
    [Id(0)] public required string InputPath { get; init; }

    /// <summary>The profile document whose restore section says which repairs run.</summary>
    [Id(1)] public required string Profile { get; init; }

    /// <summary>The restored file (a WAV file).</summary>
    [Id(2)] public required string OutputPath { get; init; }

    [JsonIgnore]
    public override TaskKind Kind => TaskKind.Restore;
}
