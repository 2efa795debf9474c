using System.Text.Json.Serialization;
using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>Master a whole album (its document names the songs, relative to itself) with its disc and track files.</summary>
[GenerateSerializer, Immutable]
public sealed record AlbumTaskSpec : RenderTaskSpec
{
    /// <summary>The album document.</summary>
    [Id(0)] public required string AlbumPath { get; init; }

    /// <summary>A delivery target's name or a profile document's path.</summary>
    [Id(1)] public required string Profile { get; init; }

    /// <summary>Where the album's files and its report go.</summary>
    [Id(2)] public required string OutputDirectory { get; init; }

    /// <summary>The time written into the masters' BWF headers: the title's start, the same for every attempt.</summary>
    [Id(3)] public required DateTimeOffset Origination { get; init; }

    /// <summary>The catalogue's reference recording, for an album whose document names none; null: none.</summary>
    [Id(4)] public ReferenceRecording? Reference { get; init; }

    [JsonIgnore]
    public override TaskKind Kind => TaskKind.Album;
}
