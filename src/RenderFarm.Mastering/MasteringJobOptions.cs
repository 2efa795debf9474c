using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering;

/// <summary>What a job needs besides the profile: the title's metadata, a fixed origination time for reproducible files, and file naming.</summary>
public sealed record MasteringJobOptions
{
    public TrackMetadata? Metadata { get; init; }

    /// <summary>The bext origination date and time; null takes the clock's. Fixing it makes identical jobs give identical bytes.</summary>
    public DateTimeOffset? Origination { get; init; }

    /// <summary>Start of every deliverable's file name; null takes the input's name.</summary>
    public string? FileStem { get; init; }

    public int BlockFrames { get; init; } = 16_384;
}
