namespace RenderFarm.Contracts;

/// <summary>
/// Command: restore <see cref="InputPath"/> by the restore section of <see cref="Profile"/> into
/// <see cref="OutputPath"/>, with what each repair did in restore.json beside it (paths relative to the media root).
/// </summary>
public sealed record RestoreRecording(string TaskId, int Attempt, string InputPath, string Profile, string OutputPath);
