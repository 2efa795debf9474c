using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Tests;

/// <summary>A folder with test sources and sessions; renders them and reads the mix back.</summary>
internal sealed class MixFixture : IDisposable
{
    public MixFixture(string name) => Folder = Testing.Material.TempFolder(name);

    public string Folder { get; }

    /// <summary>Writes a float WAV whose channel c, frame n holds <paramref name="sample"/>(c, n).</summary>
    public string Source(string name, int seconds, Func<int, long, float> sample, int channels = 1, int rate = 48_000) =>
        SourceFrames(name, (long)seconds * rate, sample, channels, rate);

    public string SourceFrames(string name, long frames, Func<int, long, float> sample, int channels = 1, int rate = 48_000)
    {
        var path = Path.Combine(Folder, name);
        using var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = rate, Channels = channels, Format = SampleFormat.Float32, Durable = false });
        var buffer = new AudioBuffer(channels, 4096);
        for (long at = 0; at < frames; at += 4096)
        {
            var n = (int)Math.Min(4096, frames - at);
            var block = buffer.AsBlock(n);
            for (var c = 0; c < channels; c++)
            {
                for (var i = 0; i < n; i++)
                {
                    block[c][i] = sample(c, at + i);
                }
            }

            writer.Write(block);
        }

        writer.Complete();
        return path;
    }

    public static Func<int, long, float> Sine(double frequency, double amplitude, int rate = 48_000) =>
        (_, n) => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * n / rate));

    public SessionSpec Session(string json) => SessionLoader.Parse(json, Folder);

    public string SessionFile(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    public (MixReport Report, float[][] Mix) Render(string json, MixOptions? options = null)
    {
        var output = Path.Combine(Folder, $"mix-{Guid.NewGuid():N}.wav");
        var report = MixRenderer.Render(Session(json), output, options, cancellation: TestContext.Current.CancellationToken);
        return (report, Read(output));
    }

    public static float[][] Read(string path)
    {
        using var reader = AudioFile.OpenRead(path);
        var frames = (int)reader.Info.Frames!.Value;
        var channels = reader.Info.Channels;
        var data = Enumerable.Range(0, channels).Select(_ => new float[frames]).ToArray();
        var block = new AudioBlock(data, frames);
        var got = 0;
        while (got < frames)
        {
            var n = reader.Read(block.Slice(got, frames - got));
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return data;
    }

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
