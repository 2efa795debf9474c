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

    /// <summary>
    /// The integrated loudness this title is limited to instead of the profile's target: in album mode each
    /// song's own level, so the album lands on the target with the songs' relative loudness kept.
    /// </summary>
    public double? AimLufs { get; init; }

    /// <summary>A reference recording to match: its tonal balance (long-term spectrum) and loudness, by an amount.</summary>
    public ReferenceTrack? Reference { get; init; }
}
