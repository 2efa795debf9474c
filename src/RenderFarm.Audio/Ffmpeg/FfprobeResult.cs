namespace RenderFarm.Audio.Ffmpeg;

/// <summary>What ffprobe says of a file's first audio stream.</summary>
internal sealed record FfprobeResult(string Container, string Codec, int SampleRate, int Channels, string? ChannelLayout, double? DurationSeconds);
