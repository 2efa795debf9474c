namespace RenderFarm.Audio.Pcm;

/// <summary>Decoded samples into planar arrays from an offset.</summary>
internal readonly struct PlanarSink<T>(T[][] channels, int offset) : IPlanarSink<T>
{
    public Span<T> Channel(int channel, int start, int frames) => channels[channel].AsSpan(offset + start, frames);
}
