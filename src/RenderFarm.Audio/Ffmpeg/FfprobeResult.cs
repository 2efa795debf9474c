namespace RenderFarm.Audio.Ffmpeg;

/// <summary>What ffprobe says of a file's first audio stream.</summary>
internal sealed record FfprobeResult(string Container, string Codec, int SampleRate, int Channels, string? ChannelLayout, double? DurationSeconds)
{
    /// <summary>The container's and the stream's tags, when they were asked for.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
