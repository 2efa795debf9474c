namespace RenderFarm.Audio.Pcm;

/// <summary>Samples to encode from planar arrays, from an offset.</summary>
internal readonly struct PlanarSource<T>(T[][] channels, int offset) : IPlanarSource<T>
{
    public ReadOnlySpan<T> Channel(int channel, int start, int frames) => channels[channel].AsSpan(offset + start, frames);
}
