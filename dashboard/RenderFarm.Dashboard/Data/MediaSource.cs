namespace RenderFarm.Dashboard.Data;

/// <summary>A file or folder in the media root a catalogue can take as a source.</summary>
public sealed record MediaSource(string Path, bool IsFolder, long Bytes, DateTimeOffset Modified);
