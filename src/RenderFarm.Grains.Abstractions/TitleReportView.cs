using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>
/// A title's report as its page and the HTTP API show it: a master's (with the deliverables that tasks of their
/// own made) or an album's; or why it could not be read. With it, what the restore before the master did.
/// </summary>
public sealed record TitleReportView(MasterReport? Master, AlbumReportDocument? Album, string? Error = null)
{
    /// <summary>The restore before the master (restore.json), when the profile had one and it has run.</summary>
    public RestorationReport? Restore { get; init; }
}
