namespace RenderFarm.Audio.Pcm;

/// <summary>Where decoded samples go: a span of one channel's destination (a struct, so generic code specialises and allocates nothing).</summary>
internal interface IPlanarSink<T>
{
    Span<T> Channel(int channel, int start, int frames);
}
