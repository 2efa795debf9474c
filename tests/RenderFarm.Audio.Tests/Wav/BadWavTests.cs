using RenderFarm.Audio.Wav;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Wav;

/// <summary>
/// Malformed files end in an <see cref="AudioFileException"/> that names the file and the field at fault,
/// without hanging and without allocating what a lying header claims.
/// </summary>
public sealed class BadWavTests : IDisposable
{
    private static readonly byte[] Fmt16Stereo = WavFixtures.Fmt(1, 2, 48_000, 16);
    private readonly string _folder = Material.TempFolder("bad-wav");

    public static TheoryData<string, byte[], string, string> Cases() => new()
    {
        { "empty", [], "header", "the file is 0 bytes" },
        { "short", "RIFF\0\0"u8.ToArray(), "header", "too short" },
        { "not-wave", WavFixtures.Build("RIFF").Select((b, i) => i is >= 8 and < 12 ? (byte)'X' : b).ToArray(), "header", "not WAVE" },
        { "no-fmt", WavFixtures.Build("RIFF", ("data", new byte[8], null)), "fmt chunk", "missing" },
        { "no-data", WavFixtures.Build("RIFF", ("fmt ", Fmt16Stereo, null)), "data chunk", "missing" },
        { "truncated-data", WavFixtures.Build("RIFF", ("fmt ", Fmt16Stereo, null), ("data", new byte[400], 4000u)), "'data' chunk", "truncated" },
        { "terabyte-data", WavFixtures.Build("RIFF", ("fmt ", Fmt16Stereo, null), ("data", new byte[40], 0xFFFFFFF0u)), "'data' chunk", "claims 4294967280 bytes" },
        { "lying-list", WavFixtures.Build("RIFF", ("fmt ", Fmt16Stereo, null), ("LIST", new byte[10], 1_000_000u), ("data", new byte[40], null)), "'LIST' chunk", "claims 1000000 bytes" },
        { "zero-channels", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(1, 0, 48_000, 16, 4), null), ("data", new byte[40], null)), "fmt chunk", "channel count 0" },
        { "nine-channels", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(1, 9, 48_000, 16), null), ("data", new byte[36], null)), "fmt chunk", "accepted 1 to 8" },
        { "rate-zero", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(1, 2, 0, 16), null), ("data", new byte[40], null)), "fmt chunk", "sample rate 0 Hz" },
        { "rate-absurd", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(1, 2, 4_000_000_000, 16), null), ("data", new byte[40], null)), "fmt chunk", "sample rate 4000000000 Hz" },
        { "adpcm", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(2, 2, 48_000, 4, 2048), null), ("data", new byte[40], null)), "fmt chunk", "codec 0x0002 (Microsoft ADPCM)" },
        { "12-bit", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(1, 2, 48_000, 12, 4), null), ("data", new byte[40], null)), "fmt chunk", "12 bits" },
        { "block-align", WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(1, 2, 48_000, 16, 6), null), ("data", new byte[40], null)), "fmt chunk", "block align 6" },
        { "short-fmt", WavFixtures.Build("RIFF", ("fmt ", new byte[10], null), ("data", new byte[40], null)), "fmt chunk", "at least 16" },
        { "rf64-no-ds64", WavFixtures.Build("RF64", ("fmt ", Fmt16Stereo, null), ("data", new byte[40], 0xFFFFFFFFu)), "ds64 chunk", "missing" },
        { "rf64-huge-ds64", WavFixtures.Build("RF64", ("ds64", [.. new byte[8], .. BitConverter.GetBytes(1L << 50), .. new byte[12]], null), ("fmt ", Fmt16Stereo, null), ("data", new byte[40], 0xFFFFFFFFu)), "'data' chunk", "claims 1125899906842624 bytes" },
        { "garbage-chunk-id", WavFixtures.Build("RIFF", ("\u0001\u0002\u0003\u0004", new byte[4], null), ("fmt ", Fmt16Stereo, null)), "chunk at byte 12", "not a chunk id" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedFile_ClearErrorNamingFileAndField(string name, byte[] bytes, string field, string problem)
    {
        var path = Path.Combine(_folder, name + ".wav");
        File.WriteAllBytes(path, bytes);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AudioFileException>(() =>
        {
            using var reader = WavReader.Open(path);
            WavRoundTripTests.ReadAll(reader, reader.Info.Channels);
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(path, e.FilePath);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte file");
    }

    [Fact]
    public void FileTruncatedAfterOpening_ReadFailsNamingFrame()
    {
        var path = WavFixtures.WriteValid(_folder, "shrinks.wav", frames: 48_000);
        using var reader = WavReader.Open(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.SetLength(1000);
        }

        var e = Assert.Throws<AudioFileException>(() => WavRoundTripTests.ReadAll(reader, 2));
        Assert.Equal("sample data", e.Field);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialLastFrame_ReadWithWarning()
    {
        var path = Path.Combine(_folder, "partial.wav");
        File.WriteAllBytes(path, WavFixtures.Build("RIFF", ("fmt ", Fmt16Stereo, null), ("data", new byte[42], null)));
        using var reader = WavReader.Open(path);
        Assert.Equal(10, reader.Info.Frames);
        Assert.Contains(reader.Info.Warnings, w => w.Contains("partial frame", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
