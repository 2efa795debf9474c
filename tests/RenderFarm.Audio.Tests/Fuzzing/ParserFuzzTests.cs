using RenderFarm.Audio.Aiff;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Fuzzing;

/// <summary>
/// The WAV/RF64/BW64 and AIFF/AIFC readers against thousands of mutants of valid files (sizes and counts
/// set to edge values, truncations, splices, flipped bits): each opens and reads to the end, or fails with
/// an <see cref="AudioFileException"/> naming the file and the field; none crashes otherwise, hangs (5 s),
/// or allocates more than 8 MB for a file of tens of kilobytes (a size field is never trusted for an
/// allocation). A failure names the seed and the iteration that reproduces it.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 1500;
    private const long MaxAllocated = 8L << 20;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private readonly string _folder = Material.TempFolder("fuzz-audio");

    public static TheoryData<string> Seeds => new() { "wav16", "wav24-extensible-bext", "float32-mono", "rf64", "bw64-pcm32", "aiff16", "aifc-float32", "aiff24" };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedFiles_ReadOrFailWithTheFieldNamed_NeverCrashHangOrOverAllocate(string seedName)
    {
        var seed = File.ReadAllBytes(Seed(seedName));
        var aiff = seedName.StartsWith("aif", StringComparison.Ordinal);
        var path = Path.Combine(_folder, $"mutant{(aiff ? ".aiff" : ".wav")}");
        var summary = Fuzz.Campaign(seedName, Iterations, seedName.Aggregate(17, (h, c) => unchecked((h * 31) + c)), random => Fuzz.Mutate(seed, random),
            mutant =>
            {
                File.WriteAllBytes(path, mutant);
                ReadToEnd(path, aiff);
            },
            e => e is AudioFileException a && a.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? a.Field : null,
            Limit, MaxAllocated);
        output.WriteLine(summary.ToString());
        Assert.True(summary.Refused > Iterations / 10, $"only {summary.Refused} of {Iterations} mutants refused: the mutations do not reach the parser");
    }

    [Fact]
    public void MutatedFiles_ThroughTheSniffer_AndFfmpegForWhatIsNotWavOrAiff()
    {
        // Headers mutated so the content no longer says WAV or AIFF go to ffmpeg: its errors too must name the file.
        var seed = File.ReadAllBytes(Seed("wav16"));
        var random = new Random(7);
        var path = Path.Combine(_folder, "sniffed.wav");
        for (var i = 0; i < 60; i++)
        {
            var mutant = Fuzz.Mutate(seed, random);
            mutant[random.Next(12)] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, mutant);
            Fuzz.Judge($"sniffed iteration {i}", () =>
            {
                using var reader = AudioFile.OpenRead(path);
                Drain(reader);
            }, e => e is AudioFileException a && a.Message.StartsWith(path + ": ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), 64L << 20);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void ReadToEnd(string path, bool aiff)
    {
        using IAudioReader reader = aiff ? AiffReader.Open(path) : WavReader.Open(path);
        Drain(reader);
    }

    private static void Drain(IAudioReader reader)
    {
        var buffer = new AudioBuffer(reader.Info.Channels, 1024);
        while (reader.Read(buffer.AsBlock()) > 0)
        {
        }
    }

    // Small valid files of each kind the native readers take (a tenth of a second or so).
    private string Seed(string name)
    {
        var wav = Path.Combine(_folder, $"seed-{name}.wav");
        switch (name)
        {
            case "wav16":
                return WavFixtures.WriteValid(_folder, $"seed-{name}.wav", frames: 2400);
            case "wav24-extensible-bext":
                Write(wav, new WavWriterOptions { SampleRate = 44_100, Channels = 2, Format = SampleFormat.Pcm24, Extensible = true, Bext = new BextChunk { Description = "fuzz", Originator = "RenderFarm" } });
                return wav;
            case "float32-mono":
                Write(wav, new WavWriterOptions { SampleRate = 48_000, Channels = 1, Format = SampleFormat.Float32 });
                return wav;
            case "rf64":
                Write(wav, new WavWriterOptions { SampleRate = 48_000, Channels = 2, Format = SampleFormat.Pcm24, Container = WavContainer.Rf64 });
                return wav;
            case "bw64-pcm32":
                Write(wav, new WavWriterOptions { SampleRate = 96_000, Channels = 2, Format = SampleFormat.Pcm32, Container = WavContainer.Bw64 });
                return wav;
            default:
                var source = WavFixtures.WriteValid(_folder, $"seed-{name}-source.wav", frames: 2400);
                var aiff = Path.Combine(_folder, $"seed-{name}.aiff");
                var codec = name switch { "aifc-float32" => "pcm_f32be", "aiff24" => "pcm_s24be", _ => "pcm_s16be" };
                Tools.Ffmpeg("-i", source, "-c:a", codec, aiff);
                return aiff;
        }
    }

    private static void Write(string path, WavWriterOptions options)
    {
        using var writer = WavWriter.Create(path, options);
        var buffer = new AudioBuffer(options.Channels, 2400);
        for (var c = 0; c < options.Channels; c++)
        {
            for (var i = 0; i < 2400; i++)
            {
                buffer.AsBlock()[c][i] = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / options.SampleRate));
            }
        }

        writer.Write(buffer.AsBlock(2400));
        writer.Complete();
    }
}
