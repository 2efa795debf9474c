namespace RenderFarm.Dsp;

/// <summary>A view over planar float audio: one span per channel, all with the same number of frames.</summary>
public readonly struct AudioBlock
{
    private readonly float[][] _channels;
    private readonly int _offset;

    public AudioBlock(float[][] channels, int frames)
        : this(channels, channels?.Length ?? 0, 0, frames)
    {
    }

    public AudioBlock(float[][] channels, int channelCount, int offset, int frames)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channelCount < 1 || channelCount > channels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(channelCount), channelCount, $"channel count must be 1 to {channels.Length}");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        for (var c = 0; c < channelCount; c++)
        {
            if (channels[c] is null || channels[c].Length < offset + frames)
            {
                throw new ArgumentException($"channel {c} holds fewer than {offset + frames} samples", nameof(channels));
            }
        }

        _channels = channels;
        Channels = channelCount;
        _offset = offset;
        Frames = frames;
    }

    public int Channels { get; }

    public int Frames { get; }

    public Span<float> this[int channel]
    {
        get
        {
            if ((uint)channel >= (uint)Channels)
            {
                throw new ArgumentOutOfRangeException(nameof(channel));
            }

            return _channels[channel].AsSpan(_offset, Frames);
        }
    }

    /// <summary>A sub-range of the same frames; no copy.</summary>
    public AudioBlock Slice(int start, int frames)
    {
        if ((uint)start > (uint)Frames || (uint)frames > (uint)(Frames - start))
        {
            throw new ArgumentOutOfRangeException(nameof(frames), $"slice {start}+{frames} is outside a block of {Frames} frames");
        }

        return new AudioBlock(_channels, Channels, _offset + start, frames);
    }

    /// <summary>Sets every sample of the block to zero.</summary>
    public void Clear()
    {
        for (var c = 0; c < Channels; c++)
        {
            this[c].Clear();
        }
    }

    /// <summary>Copies this block's samples into a block of the same shape.</summary>
    public void CopyTo(AudioBlock destination)
    {
        if (destination.Channels != Channels || destination.Frames < Frames)
        {
            throw new ArgumentException($"destination of {destination.Channels}x{destination.Frames} cannot hold {Channels}x{Frames}", nameof(destination));
        }

        for (var c = 0; c < Channels; c++)
        {
            this[c].CopyTo(destination[c]);
        }
    }
}
