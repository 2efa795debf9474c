namespace RenderFarm.Contracts;

/// <summary>
/// Command: render track <c>TrackIndex</c> of the session document at <c>SessionPath</c> to its stems in
/// <c>StemsDirectory</c>, for attempt <c>Attempt</c> of task <c>TaskId</c> (reports of other attempts are ignored).
/// Paths are relative to the media root.
/// </summary>
public sealed record RenderTrack(string TaskId, int Attempt, string SessionPath, int TrackIndex, string StemsDirectory);
