namespace RenderFarm.Contracts;

/// <summary>
/// Command: make deliverable <c>Index</c> of <c>Profile</c> (its position in the profile's list) from the float
/// master a <see cref="MasterMix"/> left in <c>MasterDirectory</c>, into <c>OutputDirectory</c>, and check it
/// against the master. Its name, origination time and tags are the master's. Paths are relative to the media root.
/// </summary>
public sealed record EncodeDeliverable(string TaskId, int Attempt, string MasterDirectory, string Profile, int Index, string OutputDirectory);
