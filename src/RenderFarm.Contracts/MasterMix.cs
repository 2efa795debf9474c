namespace RenderFarm.Contracts;

/// <summary>
/// Command: master the mix at <c>InputPath</c> with <c>Profile</c> (a delivery target's name such as
/// <c>spotify</c>, or a profile document's path) into <c>OutputDirectory</c>, tagging the deliverables;
/// <c>Origination</c> is the time written into the BWF master (fixed, so every attempt gives the same bytes).
/// Paths are relative to the media root.
/// </summary>
public sealed record MasterMix(string TaskId, int Attempt, string InputPath, string Profile, string OutputDirectory, TitleMetadata Metadata, DateTimeOffset Origination);
