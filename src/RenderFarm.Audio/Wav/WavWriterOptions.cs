using RenderFarm.Dsp;

namespace RenderFarm.Audio.Wav;

/// <summary>How a <see cref="WavWriter"/> lays out its file.</summary>
public sealed record WavWriterOptions
{
    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    public SampleFormat Format { get; init; } = SampleFormat.Pcm24;

    /// <summary>Speaker mask; 0 takes the default for the channel count.</summary>
    public uint ChannelMask { get; init; }

    /// <summary>
    /// Riff writes a classic file that becomes RF64 by itself if it outgrows 4 GiB; Rf64 and Bw64 are
    /// written as such whatever the size.
    /// </summary>
    public WavContainer Container { get; init; } = WavContainer.Riff;

    /// <summary>Write WAVE_FORMAT_EXTENSIBLE; null decides by channel count (more than two channels need a mask).</summary>
    public bool? Extensible { get; init; }

    /// <summary>Broadcast Wave metadata to write, or null for none.</summary>
    public BextChunk? Bext { get; init; }

    /// <summary>Other chunks to carry, typically those a <see cref="WavReader"/> kept from the source.</summary>
    public IReadOnlyList<WavChunk> Chunks { get; init; } = [];

    /// <summary>
    /// The number of frames that will be written, when known: the header is then final from the start and
    /// the writer hashes the file (SHA-256) as it writes, so nobody has to read it again.
    /// </summary>
    public long? ExpectedFrames { get; init; }

    /// <summary>Flush to the disk before the file takes its name (off for temporary files, which gain nothing from it).</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Largest RIFF body before the file switches to RF64 (lowered only by tests).</summary>
    internal long RiffLimit { get; init; } = uint.MaxValue;

    internal void Validate()
    {
        new AudioSpec(SampleRate, Channels, 1).Validate();
        if (!Enum.IsDefined(Format))
        {
            throw new ArgumentOutOfRangeException(nameof(Format), Format, "sample format is not one of " + string.Join(", ", Enum.GetNames<SampleFormat>()));
        }

        foreach (var chunk in Chunks)
        {
            if (chunk.Id.Length != 4 || chunk.Id.Any(ch => ch < ' ' || ch > '~') || WavChunk.Structural.Contains(chunk.Id))
            {
                throw new ArgumentException($"chunk id '{chunk.Id}' cannot be carried: it must be four printable ASCII characters and not one the writer writes itself", nameof(Chunks));
            }
        }
    }
}
