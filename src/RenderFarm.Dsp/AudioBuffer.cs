namespace RenderFarm.Dsp;

/// <summary>Owns planar float storage for a fixed number of channels and frames; hands out <see cref="AudioBlock"/> views.</summary>
public sealed class AudioBuffer
{
    private readonly float[][] _data;

    public AudioBuffer(int channels, int capacityFrames)
    {
        Guard.InRange(channels, 1, AudioSpec.MaxChannels, "channel count", "channels");
        Guard.InRange(capacityFrames, 1, 1 << 24, "buffer capacity", "frames");
        _data = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            _data[c] = new float[capacityFrames];
        }

        Capacity = capacityFrames;
    }

    public int Channels => _data.Length;

    public int Capacity { get; }

    /// <summary>The first <paramref name="frames"/> frames as a block.</summary>
    public AudioBlock AsBlock(int frames)
    {
        if ((uint)frames > (uint)Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), frames, $"buffer holds {Capacity} frames");
        }

        return new AudioBlock(_data, _data.Length, 0, frames);
    }

    /// <summary>The whole buffer as a block.</summary>
    public AudioBlock AsBlock() => AsBlock(Capacity);

    /// <summary>One channel's whole storage.</summary>
    public float[] Channel(int channel) => _data[channel];
}
