using System.Globalization;
using RenderFarm.Audio.Inspection;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Inspection;

/// <summary>
/// <see cref="AudioFile.Describe"/> against ffprobe on real material: FLAC (with a picture block and
/// non-ASCII tags), MP3 with ID3v2.3 and v2.4 tags, MPEG-2 mono, no tag, and a WAV with LIST/INFO are read
/// here with the rate, channels, codec and tags ffprobe gives (and the length within 1 %); Ogg, AAC and what
/// the native readers decline (six-channel FLAC, a WAV with an ID3 chunk) go to ffprobe; a broken file is
/// an error naming it. Mutants of the headers never make a native reader throw: it reads them or declines.
/// </summary>
public sealed class AudioDescriptionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Compared = ["title", "artist", "album", "album_artist", "track", "disc", "date", "genre", "isrc", "tsrc"];
    private readonly string _folder = Material.TempFolder("describe");

    private static readonly Dictionary<string, string[]> Codecs = new(StringComparer.Ordinal)
    {
        ["tagged.flac"] = ["-c:a", "flac"],
        ["mono22.flac"] = ["-ac", "1", "-ar", "22050", "-c:a", "flac"],
        ["v23.mp3"] = ["-c:a", "libmp3lame", "-b:a", "192k", "-id3v2_version", "3"],
        ["v24.mp3"] = ["-c:a", "libmp3lame", "-b:a", "256k", "-id3v2_version", "4"],
        ["mono-mpeg2.mp3"] = ["-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "64k"],
        ["vbr.mp3"] = ["-c:a", "libmp3lame", "-q:a", "4"],
        ["info.wav"] = ["-c:a", "pcm_s24le"],
    };

    public static TheoryData<string> NativeCases => [.. Codecs.Keys];

    [Theory]
    [MemberData(nameof(NativeCases))]
    public void CommonFormats_AreReadHere_AsFfprobeReadsThem(string name)
    {
        var path = Encode(name, Codecs[name], tags: true);
        var described = AudioFile.Describe(path);
        var probe = Tools.Probe(path);
        var stream = probe.GetProperty("streams")[0];
        var expected = Tools.Tags(probe);
        output.WriteLine($"{name}: {described.ReadBy}, {described.Info.Codec} {described.Info.SampleRate} Hz {described.Info.Channels} ch, {described.Info.DurationSeconds:0.000} s; tags {string.Join(", ", described.Tags.Select(t => $"{t.Key}={t.Value}"))}");

        Assert.Equal(AudioDescription.Native, described.ReadBy);
        Assert.Equal(int.Parse(stream.GetProperty("sample_rate").GetString()!, CultureInfo.InvariantCulture), described.Info.SampleRate);
        Assert.Equal(stream.GetProperty("channels").GetInt32(), described.Info.Channels);
        using (var reader = AudioFile.OpenRead(path))
        {
            Assert.Equal(reader.Info.Codec, described.Info.Codec);
            Assert.Equal(reader.Info.Layout.Roles, described.Info.Layout.Roles);
        }

        var seconds = double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        var length = described.Info.DurationSeconds ?? (double)described.Info.Frames!.Value / described.Info.SampleRate;
        Assert.Equal(seconds, length, seconds * 0.01);
        foreach (var key in Compared)
        {
            Assert.Equal(expected.GetValueOrDefault(key), described.Tags.GetValueOrDefault(key));
        }

        Assert.Equal("Café Åsa – 夜", described.Tags["title"]);
    }

    [Fact]
    public void OtherFormats_AndWhatTheNativeReadersDecline_GoToFfprobe_WithTheSameTags()
    {
        var cases = new (string Name, string[] Codec)[]
        {
            ("tagged.ogg", ["-c:a", "libvorbis"]),
            ("tagged.m4a", ["-c:a", "aac", "-b:a", "128k"]),
            ("six.flac", ["-af", "pan=5.1|c0=c0|c1=c1|c2=c0|c3=c1|c4=c0|c5=c1", "-c:a", "flac"]),
        };
        foreach (var (name, codec) in cases)
        {
            var path = Encode(name, codec, tags: true);
            var described = AudioFile.Describe(path);
            Assert.Equal(AudioDescription.Ffprobe, described.ReadBy);
            var expected = Tools.Tags(Tools.Probe(path));
            Assert.Equal(expected.GetValueOrDefault("artist"), described.Tags.GetValueOrDefault("artist"));
            Assert.Equal(expected.GetValueOrDefault("title"), described.Tags.GetValueOrDefault("title"));
            using var reader = AudioFile.OpenRead(path);
            Assert.Equal(reader.Info with { Warnings = [], Layout = described.Info.Layout }, described.Info with { Warnings = [] });
            Assert.Equal(reader.Info.Layout.Roles, described.Info.Layout.Roles);
        }

        // A WAV with an ID3 chunk beside its INFO list (as our masters carry the ISRC): ffprobe says which wins.
        var mp3 = File.ReadAllBytes(Encode("for-id3.mp3", Codecs["v23.mp3"], tags: true));
        var id3 = mp3[..Id3v2Tag.Length(mp3)!.Value];
        var wav = WithChunkBeforeData(File.ReadAllBytes(Encode("id3.wav", ["-c:a", "pcm_s16le"], tags: true)), "id3 ", id3);
        var withId3Path = Path.Combine(_folder, "with-id3.wav");
        File.WriteAllBytes(withId3Path, wav);
        var withId3 = AudioFile.Describe(withId3Path);
        Assert.Equal(AudioDescription.Ffprobe, withId3.ReadBy);
        Assert.Equal(Tools.Tags(Tools.Probe(withId3Path)).GetValueOrDefault("title"), withId3.Tags["title"]);
    }

    [Fact]
    public void BrokenAndMissingFiles_AreErrorsNamingThem()
    {
        var good = Encode("cut.flac", ["-c:a", "flac"], tags: true);
        var cut = Path.Combine(_folder, "cut-short.flac");
        File.WriteAllBytes(cut, [.. File.ReadAllBytes(good).Take(30)]);
        var e = Assert.Throws<AudioFileException>(() => AudioFile.Describe(cut));
        Assert.Contains("cut-short.flac", e.Message, StringComparison.Ordinal);

        var noise = Path.Combine(_folder, "noise.mp3");
        File.WriteAllBytes(noise, [.. Enumerable.Range(0, 5000).Select(i => (byte)((i * 7919) % 251))]);
        Assert.Contains("noise.mp3", Assert.Throws<AudioFileException>(() => AudioFile.Describe(noise)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<AudioFileException>(() => AudioFile.Describe(Path.Combine(_folder, "none.flac"))).Message, StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(_folder, "empty.mp3"), []);
        Assert.Contains("is empty", Assert.Throws<AudioFileException>(() => AudioFile.Describe(Path.Combine(_folder, "empty.mp3"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tagged.flac")]
    [InlineData("v23.mp3")]
    [InlineData("v24.mp3")]
    public void MutatedHeaders_AreReadOrDeclined_NeverThrown(string name)
    {
        // The file's start, where the headers are: the tag and the metadata blocks, and the first frames.
        var seed = File.ReadAllBytes(Encode(name, Codecs[name], tags: true)).AsSpan(0, name.EndsWith(".mp3", StringComparison.Ordinal) ? 8 * 1024 : 48 * 1024).ToArray();
        var random = new Random(name.Aggregate(11, (h, c) => unchecked((h * 31) + c)));
        int read = 0, declined = 0;
        for (var i = 0; i < 3000; i++)
        {
            var mutant = Fuzz.Mutate(seed, random);
            Fuzz.Judge($"{name} mutant {i}", () =>
            {
                using var stream = new MemoryStream(mutant);
                var native = name.EndsWith(".flac", StringComparison.Ordinal) ? FlacMetadata.TryDescribe("mutant", stream) : MpegAudioFrames.TryDescribe("mutant", stream);
                if (native is null)
                {
                    declined++;
                    return;
                }

                read++;
                Assert.InRange(native.Info.SampleRate, 1, 655_350);
                Assert.InRange(native.Info.Channels, 1, 2);
            }, _ => false, TimeSpan.FromSeconds(5), 32L << 20);
        }

        output.WriteLine($"{name}: {read} mutants read, {declined} declined");
        Assert.True(declined > 100 && read > 100, $"{read} read, {declined} declined: the mutations do not reach the readers");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The RIFF file with one more chunk just before its data chunk, and its RIFF size mended.
    private static byte[] WithChunkBeforeData(byte[] riff, string id, byte[] body)
    {
        var at = 12;
        while (System.Text.Encoding.ASCII.GetString(riff, at, 4) != "data")
        {
            var size = BitConverter.ToInt32(riff, at + 4);
            at += 8 + size + (size & 1);
        }

        byte[] chunk = [.. System.Text.Encoding.ASCII.GetBytes(id), .. BitConverter.GetBytes(body.Length), .. body, .. (body.Length % 2 == 1 ? new byte[] { 0 } : [])];
        byte[] result = [.. riff[..at], .. chunk, .. riff[at..]];
        BitConverter.GetBytes(result.Length - 8).CopyTo(result, 4);
        return result;
    }

    // Six seconds of a real recording in the given codec, with tags in every field the naming reads.
    private string Encode(string name, string[] codec, bool tags)
    {
        var path = Path.Combine(_folder, name);
        string[] metadata = tags
            ? ["-metadata", "title=Café Åsa – 夜", "-metadata", "artist=Blupi Orchestra", "-metadata", "album=Planet Blupi", "-metadata", "album_artist=Various",
               "-metadata", "track=3/12", "-metadata", "disc=1/2", "-metadata", "date=2026", "-metadata", "genre=Soundtrack"]
            : [];
        Tools.Ffmpeg(["-ss", "20", "-t", "6", "-i", Material.Song(1), .. codec, .. metadata, path]);
        return path;
    }
}
