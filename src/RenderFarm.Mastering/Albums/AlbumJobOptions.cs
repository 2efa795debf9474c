namespace RenderFarm.Mastering.Albums;

/// <summary>What an album job needs besides the album and the profile.</summary>
public sealed record AlbumJobOptions
{
    /// <summary>The files' origination time; null takes the clock's. Fixing it makes identical jobs give identical bytes.</summary>
    public DateTimeOffset? Origination { get; init; }

    /// <summary>The farm's attempt number, carried by the work folder's name so that a later attempt clears only earlier ones' folders.</summary>
    public int? Attempt { get; init; }

    /// <summary>Called just before the album's files are moved into place; may throw to stop the job there (the farm checks its claim).</summary>
    public Action? BeforePublish { get; init; }

    /// <summary>Songs worked on at once; null: one per core.</summary>
    public int? Parallelism { get; init; }

    public int BlockFrames { get; init; } = 16_384;
}
