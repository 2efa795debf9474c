using System.Buffers.Binary;
using RenderFarm.Grains;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// NaN and infinite samples in sources, through the embedded farm: a float mix with a NaN, one with +Inf and
/// a session whose bass stem holds a NaN each fail with a reason naming the file and the sample's time; no
/// master or deliverable of theirs is written; a good mix in the same catalogue is mastered as usual.
/// </summary>
public sealed class NonFiniteSourceTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("nonfinite");

    [Fact]
    public async Task NaNAndInfinity_InMixesAndStems_AreReportedNamingTheFile_NeverMastered()
    {
        var media = Path.Combine(_folder, "media");
        var mixes = Path.Combine(media, "mixes");
        Directory.CreateDirectory(mixes);
        Tools.Ffmpeg("-t", "8", "-i", Material.Song(1), "-c:a", "pcm_s24le", Path.Combine(mixes, "a-good.wav"));
        FloatWithSample(Material.Song(1), Path.Combine(mixes, "b-nan.wav"), seconds: 3.0, float.NaN);
        FloatWithSample(Material.Song(2), Path.Combine(mixes, "c-inf.wav"), seconds: 5.5, float.PositiveInfinity);
        var stems = Path.Combine(media, "song", "stems");
        Directory.CreateDirectory(stems);
        foreach (var stem in Material.Stems(3).Take(3))
        {
            if (stem.Contains("bass", StringComparison.Ordinal))
            {
                FloatWithSample(stem, Path.Combine(stems, Path.GetFileName(stem)), seconds: 2.0, float.NaN);
            }
            else
            {
                Tools.Ffmpeg("-t", "8", "-i", stem, "-c:a", "pcm_s24le", Path.Combine(stems, Path.GetFileName(stem)));
            }
        }

        File.WriteAllText(Path.Combine(media, "song", "session.json"), SessionScaffold.FromStems(stems, Path.Combine(media, "song")).Json);
        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();
        var done = await host.UntilEnded(await host.Submit("mixes", "song/session.json"), TimeSpan.FromMinutes(3));

        Assert.Equal(JobStatus.Failed, done.Status);
        var byName = done.Titles.ToDictionary(t => Path.GetFileName(t.Spec.Source));
        Assert.Equal(JobStatus.Succeeded, byName["a-good.wav"].Status);
        foreach (var (name, file, at) in new[] { ("b-nan.wav", "b-nan.wav", "3.0"), ("c-inf.wav", "c-inf.wav", "5.5"), ("session.json", "ch02-bass.wav", "2.0") })
        {
            var title = byName[name];
            Assert.Equal(JobStatus.Failed, title.Status);
            Assert.Contains(file, title.Error, StringComparison.Ordinal);
            Assert.Contains("finite", title.Error, StringComparison.Ordinal);
            Assert.Contains(at, title.Error, StringComparison.Ordinal);
            Assert.Empty(title.Outputs);
            // (a session's healthy tracks keep their stems; no mix and no master is made of the damaged one)
            var output = Path.Combine(media, title.Spec.OutputDirectory);
            var left = Directory.Exists(output) ? Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Where(f => !f.StartsWith("stems/", StringComparison.Ordinal)).ToArray() : [];
            Assert.True(left.Length == 0, $"{name} left {string.Join(", ", left)}: {title.Error}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    // An 8 s 32-bit float WAV of the source with one sample (left channel) at the given time replaced.
    private static void FloatWithSample(string source, string target, double seconds, float value)
    {
        Tools.Ffmpeg("-t", "8", "-i", source, "-c:a", "pcm_f32le", "-ar", "48000", "-ac", "2", "-bitexact", "-map_metadata", "-1", target);
        var bytes = File.ReadAllBytes(target);
        var data = bytes.AsSpan().IndexOf("data"u8) + 8;
        var offset = data + ((int)(seconds * 48_000) * 2 * 4);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset, 4), value);
        File.WriteAllBytes(target, bytes);
    }
}
