using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;

namespace RenderFarm.Testing;

/// <summary>Short files read whole into planar float channels and written back (for tests that compare sample by sample).</summary>
public static class PlanarAudio
{
    /// <summary>Every frame of <paramref name="path"/>, and its sample rate.</summary>
    public static (float[][] Channels, int SampleRate) Read(string path)
    {
        using var reader = AudioFile.OpenRead(path);
        var info = reader.Info;
        var frames = (int)(info.Frames ?? throw new InvalidOperationException($"{path}: no length"));
        var channels = new float[info.Channels][];
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c] = new float[frames];
        }

        var buffer = new AudioBuffer(info.Channels, 4096);
        var at = 0;
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            for (var c = 0; c < channels.Length; c++)
            {
                buffer.AsBlock(n)[c].CopyTo(channels[c].AsSpan(at));
            }

            at += n;
        }

        return (channels, info.SampleRate);
    }

    /// <summary>Writes <paramref name="channels"/> to <paramref name="path"/> as 32-bit float WAV (no rounding).</summary>
    public static void Write(string path, float[][] channels, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(channels);
        using var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = sampleRate, Channels = channels.Length, Format = SampleFormat.Float32 });
        writer.Write(new AudioBlock(channels, channels[0].Length));
        writer.Complete();
    }
}
