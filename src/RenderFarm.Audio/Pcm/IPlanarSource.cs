namespace RenderFarm.Audio.Pcm;

/// <summary>Where samples to encode come from: a span of one channel (a struct, so generic code specialises and allocates nothing).</summary>
internal interface IPlanarSource<T>
{
    ReadOnlySpan<T> Channel(int channel, int start, int frames);
}
