namespace RenderFarm.Dsp;

/// <summary>What a processor or meter is prepared for: sample rate, channel count and the largest block it will see.</summary>
public readonly record struct AudioSpec(int SampleRate, int Channels, int MaxBlockFrames)
{
    public const int MinSampleRate = 8_000;
    public const int MaxSampleRate = 384_000;
    public const int MaxChannels = 8;

    /// <summary>Throws with the field and accepted range when the spec cannot be processed.</summary>
    public void Validate()
    {
        Guard.InRange(SampleRate, MinSampleRate, MaxSampleRate, "sample rate", "Hz");
        Guard.InRange(Channels, 1, MaxChannels, "channel count", "channels");
        Guard.InRange(MaxBlockFrames, 1, 1 << 20, "maximum block size", "frames");
    }
}
