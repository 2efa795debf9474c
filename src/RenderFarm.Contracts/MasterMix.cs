namespace RenderFarm.Contracts;

/// <summary>
/// Command: master the mix at <c>InputPath</c> with <c>Profile</c> (a delivery target's name such as
/// <c>spotify</c>, or a profile document's path) into <c>OutputDirectory</c>, tagging the deliverables;
/// <c>Origination</c> is the time written into the BWF master (fixed, so every attempt gives the same bytes).
/// With <c>MasterDirectory</c> the task makes the float master there and no deliverable (each deliverable is
/// then an <see cref="EncodeDeliverable"/> of its own), and writes the master's report into <c>OutputDirectory</c>;
/// without it, every deliverable is made in the same pass. With <c>Album</c>, <c>InputPath</c> is an album
/// document (its songs' paths relative to it) and the whole album is mastered into <c>OutputDirectory</c>.
/// <c>FileStem</c> names the deliverables (a back catalogue's name, with folders and <c>{format}</c>), and
/// <c>DeliveryDirectory</c> is where a one-pass master puts them. With <c>Reference</c> the mix is mastered
/// towards that recording by <c>ReferenceAmount</c> percent. Paths are relative to the media root.
/// </summary>
public sealed record MasterMix(string TaskId, int Attempt, string InputPath, string Profile, string OutputDirectory, TitleMetadata Metadata, DateTimeOffset Origination, string? MasterDirectory = null, bool Album = false, string? FileStem = null, string? DeliveryDirectory = null, string? Reference = null, double ReferenceAmount = 100);
