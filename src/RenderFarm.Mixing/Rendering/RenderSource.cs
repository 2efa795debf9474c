namespace RenderFarm.Mixing.Rendering;

/// <summary>A track's source as found before rendering: where it is, its rate and channels, and its length at the session's rate.</summary>
internal sealed record RenderSource(string Path, int SampleRate, int Channels, long FramesAtSessionRate);
