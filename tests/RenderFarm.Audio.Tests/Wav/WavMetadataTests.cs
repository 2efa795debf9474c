using System.Text;
using RenderFarm.Audio.Wav;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Wav;

/// <summary>The bext chunk and chunks the writer does not interpret survive a read and a rewrite.</summary>
public sealed class WavMetadataTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("wav-metadata");

    private static BextChunk FullBext => new()
    {
        Description = "RenderFarm master of 'Song' for streaming",
        Originator = "RenderFarm",
        OriginatorReference = "RF-2026-000123",
        OriginationDate = "2026-11-25",
        OriginationTime = "16:30:00",
        TimeReference = 172_800_000UL * 48,
        Umid = Enumerable.Range(0, 64).Select(i => (byte)(i * 3)).ToArray(),
        LoudnessValue = -14.02,
        LoudnessRange = 6.5,
        MaxTruePeakLevel = -1.01,
        MaxMomentaryLoudness = -9.87,
        MaxShortTermLoudness = -11.5,
        CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=RenderFarm\r\n",
    };

    [Fact]
    public void Bext_WrittenAndRead_EveryFieldEqual()
    {
        var path = Path.Combine(_folder, "bext.wav");
        WavRoundTripTests.Write(path, SampleFormat.Pcm24, 2, 48_000, WavRoundTripTests.RandomSamples(SampleFormat.Pcm24, 2, 1000, 3),
            new WavWriterOptions { SampleRate = 48_000, Channels = 2, Bext = FullBext });
        using var reader = WavReader.Open(path);
        Assert.Equal(FullBext, reader.Bext);
    }

    [Fact]
    public void Bext_ReadByFfprobe_DescriptionAndOriginator()
    {
        // ffmpeg reports the bext description as "comment" and the originator as "encoded_by".
        var path = Path.Combine(_folder, "bext-ffprobe.wav");
        WavRoundTripTests.Write(path, SampleFormat.Pcm24, 2, 48_000, WavRoundTripTests.RandomSamples(SampleFormat.Pcm24, 2, 1000, 3),
            new WavWriterOptions { SampleRate = 48_000, Channels = 2, Bext = FullBext });
        var format = Tools.Probe(path).GetProperty("format");
        Assert.True(format.TryGetProperty("tags", out var tags), format.ToString());
        Assert.Equal(FullBext.Description, tags.GetProperty("comment").GetString());
        Assert.Equal(FullBext.Originator, tags.GetProperty("encoded_by").GetString());
        Assert.Equal(FullBext.TimeReference.ToString(System.Globalization.CultureInfo.InvariantCulture), tags.GetProperty("time_reference").GetString());
    }

    [Fact]
    public void BextLoudnessOutOfRange_Refused_NamesField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (FullBext with { LoudnessValue = -400 }).ToBytes());
        Assert.Contains("LoudnessValue", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownChunks_Rewritten_PreservedByteForByte()
    {
        var ixml = new WavChunk("iXML", Encoding.UTF8.GetBytes("<BWFXML><PROJECT>Catalogue</PROJECT></BWFXML>"));
        var list = new WavChunk("LIST", [.. "INFOINAM"u8, 6, 0, 0, 0, .. "Title\0"u8]);
        var odd = new WavChunk("abcd", [1, 2, 3]);
        var source = Path.Combine(_folder, "chunks.wav");
        var samples = WavRoundTripTests.RandomSamples(SampleFormat.Pcm16, 2, 5000, 4);
        WavRoundTripTests.Write(source, SampleFormat.Pcm16, 2, 48_000, samples,
            new WavWriterOptions { SampleRate = 48_000, Channels = 2, Bext = FullBext, Chunks = [ixml, list, odd] });

        var copy = Path.Combine(_folder, "chunks-copy.wav");
        using (var reader = WavReader.Open(source))
        {
            Assert.Equal(["iXML", "LIST", "abcd"], reader.Chunks.Select(c => c.Id));
            Assert.Equal(odd.Data, reader.Chunks[2].Data);
            var back = WavRoundTripTests.ReadAll(reader, 2);
            WavRoundTripTests.Write(copy, SampleFormat.Pcm16, 2, 48_000, back,
                new WavWriterOptions { SampleRate = 48_000, Channels = 2, Bext = reader.Bext, Chunks = reader.Chunks });
        }

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
    }

    [Fact]
    public void ChunkAfterData_FromAnotherTool_Preserved()
    {
        // ffmpeg writes LIST/INFO tags; some tools put chunks after the audio.
        var path = Path.Combine(_folder, "trailing.wav");
        var fmt = WavFixtures.Fmt(1, 1, 48_000, 16);
        File.WriteAllBytes(path, WavFixtures.Build("RIFF", ("fmt ", fmt, null), ("data", new byte[200], null), ("cue ", new byte[28], null)));
        using var reader = WavReader.Open(path);
        Assert.Equal(100, reader.Info.Frames);
        Assert.Equal("cue ", Assert.Single(reader.Chunks).Id);
    }

    [Theory]
    [InlineData(5000L, 5000, WavContainer.Riff)]
    [InlineData(5001L, 5001, WavContainer.Rf64)]
    [InlineData(4999L, 5000, WavContainer.Riff)]
    public void ExpectedFrames_HashWhileWritingMatchesTheFile_OrFallsBackWhenMissed(long expected, int written, WavContainer container)
    {
        var path = Path.Combine(_folder, $"hash-{expected}-{written}-{container}.wav");
        var samples = WavRoundTripTests.RandomSamples(SampleFormat.Pcm24, 2, written, 11);
        using (var writer = WavWriter.Create(path, new WavWriterOptions { SampleRate = 48_000, Channels = 2, Format = SampleFormat.Pcm24, ExpectedFrames = expected, Container = container, Bext = FullBext }))
        {
            writer.Write(samples, 0, written);
            writer.Complete();
            var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
            Assert.Equal(expected == written ? actual : null, writer.Sha256);
        }

        using var reader = WavReader.Open(path);
        Assert.Equal(written, reader.Info.Frames);
        Assert.Equal(container, reader.Container);
        Assert.Equal(samples, WavRoundTripTests.ReadAll(reader, 2));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
