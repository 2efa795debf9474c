using RenderFarm.Dsp.Metering;

namespace RenderFarm.Audio;

/// <summary>What a reader found in a file: container, codec, rate, channels, length and layout.</summary>
public sealed record AudioStreamInfo
{
    public required string Path { get; init; }

    /// <summary>wav, rf64, bw64, aiff, aifc, or the container ffprobe names (flac, mp3, ogg, mov,mp4,m4a...).</summary>
    public required string Container { get; init; }

    /// <summary>pcm_s24le, pcm_f32le... for files read natively; ffprobe's codec name otherwise.</summary>
    public required string Codec { get; init; }

    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    /// <summary>The stored sample format for PCM files read natively; null for decoded formats.</summary>
    public SampleFormat? SampleFormat { get; init; }

    /// <summary>Frames in the file, or null when the container does not say (some compressed streams).</summary>
    public long? Frames { get; init; }

    /// <summary>Duration from the container when the exact frame count is not known.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>WAVE_FORMAT_EXTENSIBLE speaker mask (0 when the file has none).</summary>
    public uint ChannelMask { get; init; }

    public required ChannelLayout Layout { get; init; }

    /// <summary>Things the reader tolerated and a person may want to know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
