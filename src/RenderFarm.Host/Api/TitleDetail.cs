using System.Text.Json;
using RenderFarm.Grains;

namespace RenderFarm.Host.Api;

/// <summary>
/// A title with the state of each of its tasks (attempts, workers, errors; for the studio) and its report: the
/// report file's JSON (a master's with the deliverables its tasks made, or an album's), or why it could not be read;
/// and what the restore before the master did (restore.json), when the profile had one.
/// </summary>
public sealed record TitleDetail(TitleSnapshot Title, IReadOnlyList<RenderTaskSnapshot> Tasks, JsonElement? Report, string? ReportError, JsonElement? Restore = null);
