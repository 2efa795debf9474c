namespace RenderFarm.Contracts;

/// <summary>Command: mix the session's stems (in <see cref="StemsDirectory"/>) down to <see cref="OutputPath"/> (paths relative to the media root).</summary>
public sealed record MixdownSession(string TaskId, int Attempt, string SessionPath, string StemsDirectory, string OutputPath);
