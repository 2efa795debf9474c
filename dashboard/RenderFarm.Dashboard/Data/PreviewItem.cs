namespace RenderFarm.Dashboard.Data;

/// <summary>A streaming service's playback of the master: its reference level, the gain it applies, what the listener hears.</summary>
public sealed record PreviewItem(string Platform, double? ReferenceLufs, double? PlaybackGainDb, double? PlaybackLufs, double? PlaybackTruePeakDbtp, string? Note);
