using RenderFarm.Audio;

namespace RenderFarm.Mixing.Rendering;

/// <summary>How a session is rendered: where sources may come from, the block size and the mix's sample format.</summary>
public sealed record MixOptions
{
    /// <summary>Sources must lie inside this folder; null takes the session file's folder.</summary>
    public string? MediaRoot { get; init; }

    public int BlockFrames { get; init; } = 4096;

    /// <summary>The mix file's format: 32-bit float (default) or 24-bit PCM (TPDF-dithered).</summary>
    public SampleFormat OutputFormat { get; init; } = SampleFormat.Float32;
}
