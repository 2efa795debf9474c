using RenderFarm.Dsp;

namespace RenderFarm.Audio.Pcm;

/// <summary>Samples to encode from an <see cref="AudioBlock"/>.</summary>
internal readonly struct BlockSource(AudioBlock block) : IPlanarSource<float>
{
    public ReadOnlySpan<float> Channel(int channel, int start, int frames) => block[channel].Slice(start, frames);
}
