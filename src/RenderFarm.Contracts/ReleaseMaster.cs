namespace RenderFarm.Contracts;

/// <summary>
/// Command: every deliverable of the float master in <c>MasterDirectory</c> (relative to the media root) is
/// made: remove the master. Removing one that is gone already is no error.
/// </summary>
public sealed record ReleaseMaster(string MasterDirectory);
