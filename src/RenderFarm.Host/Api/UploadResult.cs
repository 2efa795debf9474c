namespace RenderFarm.Host.Api;

/// <summary>What an upload made: its folder (a catalogue source) and each file with its size and hash.</summary>
public sealed record UploadResult(string Folder, IReadOnlyList<UploadedFile> Files);
