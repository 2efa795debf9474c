using RenderFarm.Dsp;

namespace RenderFarm.Audio.Pcm;

/// <summary>Decoded samples into an <see cref="AudioBlock"/>.</summary>
internal readonly struct BlockSink(AudioBlock block) : IPlanarSink<float>
{
    public Span<float> Channel(int channel, int start, int frames) => block[channel].Slice(start, frames);
}
