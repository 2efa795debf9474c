using RenderFarm.Audio;
using RenderFarm.Audio.Wav;

namespace RenderFarm.Testing;

/// <summary>Builds small WAV files byte by byte, including malformed ones, for reader tests.</summary>
public static class WavFixtures
{
    /// <summary>A RIFF/WAVE file from raw chunks (id, body); sizes are written as given unless overridden.</summary>
    public static byte[] Build(string riffId, params (string Id, byte[] Body, uint? SizeOverride)[] chunks)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(System.Text.Encoding.ASCII.GetBytes(riffId));
        w.Write(0u);
        w.Write("WAVE"u8);
        foreach (var (id, body, size) in chunks)
        {
            w.Write(System.Text.Encoding.ASCII.GetBytes(id));
            w.Write(size ?? (uint)body.Length);
            w.Write(body);
            if (body.Length % 2 == 1)
            {
                w.Write((byte)0);
            }
        }

        w.Flush();
        var bytes = ms.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    /// <summary>A plain fmt chunk body.</summary>
    public static byte[] Fmt(ushort tag, ushort channels, uint rate, ushort bits, ushort? blockAlign = null)
    {
        var align = blockAlign ?? (ushort)(channels * bits / 8);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(tag);
        w.Write(channels);
        w.Write(rate);
        w.Write(rate * align);
        w.Write(align);
        w.Write(bits);
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>Writes a valid 16-bit stereo file of <paramref name="frames"/> frames of a ramp, returns its path.</summary>
    public static string WriteValid(string folder, string name, int frames = 4800, SampleFormat format = SampleFormat.Pcm16, int channels = 2)
    {
        var path = Path.Combine(folder, name);
        using var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = channels, Format = format });
        var data = new double[channels][];
        for (var c = 0; c < channels; c++)
        {
            data[c] = new double[frames];
            for (var i = 0; i < frames; i++)
            {
                data[c][i] = Math.Round(Math.Sin((i + c) * 0.01) * 16000) / 32768.0;
            }
        }

        writer.Write(data, 0, frames);
        writer.Complete();
        return path;
    }
}
