using RenderFarm.Dsp;

namespace RenderFarm.Audio;

/// <summary>Helpers over any <see cref="IAudioReader"/>.</summary>
public static class AudioReaderExtensions
{
    /// <summary>Reads and discards up to <paramref name="frames"/> frames; returns how many there were.</summary>
    public static long Skip(this IAudioReader reader, long frames)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new AudioBuffer(reader.Info.Channels, (int)Math.Clamp(frames, 1, 16_384));
        long skipped = 0;
        while (skipped < frames)
        {
            var n = reader.Read(buffer.AsBlock((int)Math.Min(buffer.Capacity, frames - skipped)));
            if (n == 0)
            {
                break;
            }

            skipped += n;
        }

        return skipped;
    }
}
