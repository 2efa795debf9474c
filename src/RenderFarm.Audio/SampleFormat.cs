namespace RenderFarm.Audio;

/// <summary>How samples are stored in a PCM file.</summary>
public enum SampleFormat
{
    /// <summary>8-bit unsigned integer (WAV) or signed (AIFF).</summary>
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    Float32,
    Float64,
}
