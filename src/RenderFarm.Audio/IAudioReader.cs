using RenderFarm.Dsp;

namespace RenderFarm.Audio;

/// <summary>Reads an audio stream block by block into planar samples; memory does not depend on the file's length.</summary>
public interface IAudioReader : IDisposable
{
    AudioStreamInfo Info { get; }

    /// <summary>Frames read so far.</summary>
    long Position { get; }

    /// <summary>Fills up to <c>destination.Frames</c> frames; returns how many were read, 0 at the end.</summary>
    int Read(AudioBlock destination);

    /// <summary>As <see cref="Read(AudioBlock)"/> in double precision (exact for 32-bit integer and 64-bit float files).</summary>
    int Read(double[][] destination, int offset, int frames);
}
