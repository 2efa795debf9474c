namespace RenderFarm.Contracts;

/// <summary>
/// Command: master the mix at <c>InputPath</c> with <c>Profile</c> (a delivery target's name such as
/// <c>spotify</c>, or a profile document's path) into <c>OutputDirectory</c>, tagging the deliverables.
/// </summary>
public sealed record MasterMix(string TaskId, int Attempt, string InputPath, string Profile, string OutputDirectory, TitleMetadata Metadata);
