using RenderFarm.Dsp;

namespace RenderFarm.Restoration;

/// <summary>Turns one channel over (multiplies it by -1); the others pass untouched.</summary>
public sealed class PolarityFlip(int channel) : IAudioProcessor
{
    public int Channel { get; } = channel;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (Channel < 0 || Channel >= spec.Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), Channel, $"channel {Channel + 1} is not one of the {spec.Channels}");
        }
    }

    public void Process(AudioBlock block) => VectorMath.Scale(block[Channel], -1.0f);

    public void Reset()
    {
    }
}
