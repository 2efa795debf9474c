using System.Security.Cryptography;
using System.Text.Json;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests;

/// <summary>
/// Whole mastering jobs on real recordings. Loudness and true peak of what is delivered are checked with
/// libebur128: the target within 0.1 LU, the true peak at or under the ceiling.
/// </summary>
public sealed class MasteringJobTests : IDisposable
{
    private static readonly JsonSerializerOptions Literal = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly DateTimeOffset Origination = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Material.TempFolder("mastering");

    public static TheoryData<string, string> Targets => new()
    {
        { "spotify", "song:2" },
        { "apple-music", "song:0" },
        { "ebu-r128", "song:3" },
        { "atsc-a85", "song:1" },
        { "spotify", "loop:loop_tabla" },
        { "deezer", "full:8" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void RealMaterial_LandsOnTheTargetUnderTheCeiling_ByLibebur128(string targetName, string item)
    {
        var target = DeliveryTargets.Find(targetName);
        var profile = MasteringProfile.ForTarget(target) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
        var report = Master(profile, Path(item));
        var master = Assert.Single(report.Deliverables);
        var reference = ReferenceMeter.MeasureFile(master.Path);
        Assert.Equal(target.IntegratedLufs!.Value, reference.IntegratedLufs, 0.1);
        Assert.True(reference.TruePeakDbtp <= target.CeilingDbtp, $"libebur128 true peak {reference.TruePeakDbtp:0.000} dBTP over {target.CeilingDbtp}");
        Assert.True(report.TargetMet, report.TargetNote);
        Assert.Equal(report.Output.IntegratedLufs, reference.IntegratedLufs, 0.02);
        Assert.DoesNotContain(report.Qc, q => q.Stage != "input" && q.Finding.Kind is "true_peak_over_ceiling" or "loudness_out_of_spec" or "clipping");

        // The gain comes from the limiter model, so one pass delivers; a model off by more than the
        // retry threshold would cost a second pass.
        Assert.True(Math.Abs(report.LimiterModelErrorLu) <= 0.05, $"limiter model off by {report.LimiterModelErrorLu:0.000} LU");
        Assert.Equal(1, report.LimiterPasses);
    }

    [Fact]
    public void DynamicsFloor_DecidesTheLevelAndTheReportSaysSo()
    {
        // Song 2 peaks 15 dB above its loudness; -14 LUFS under -1 dBTP would leave a PLR of 13 dB.
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
        {
            Floor = new DynamicsFloor { MinPlrDb = 14 },
            Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }],
        };
        var report = Master(profile, Material.Song(2));
        Assert.False(report.TargetMet);
        Assert.Contains("dynamics floor decided the level", report.TargetNote, StringComparison.Ordinal);
        // The limiter holds the peaks at -1 dBTP less its 0.1 dB margin: -1.1 - 14 = -15.1 LUFS.
        Assert.Equal(-15.1, report.AimedLufs!.Value, 0.01);
        var reference = ReferenceMeter.MeasureFile(report.Deliverables[0].Path);
        Assert.Equal(-15.1, reference.IntegratedLufs, 0.06);

        // The floor holds by libebur128 on what is delivered, within the loudness search's 0.05 LU and the 24-bit file's dither.
        Assert.True(reference.TruePeakDbtp - reference.IntegratedLufs >= 14 - 0.06, $"PLR {reference.TruePeakDbtp - reference.IntegratedLufs:0.000} dB under the 14 dB floor");
    }

    [Fact]
    public void LoudnessRangeFloor_DecidesTheLevel_AndTheMasterKeepsTheRange_ByFfmpeg()
    {
        // Pushed to -8 LUFS, the limiter flattens the song's range; a floor halfway back must cost loudness.
        var input = Excerpt(Material.Song(3), 60);
        var loud = DeliveryTargets.Spotify with { Name = "loud", IntegratedLufs = -8 };
        var profile = MasteringProfile.ForTarget(loud) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
        var pushed = Master(profile, input);
        var floor = Math.Round((pushed.Output.LoudnessRangeLu + pushed.Input.LoudnessRangeLu) / 2, 1);
        Assert.True(pushed.Input.LoudnessRangeLu - pushed.Output.LoudnessRangeLu > 1, $"the limiter took only {pushed.Input.LoudnessRangeLu - pushed.Output.LoudnessRangeLu:0.0} LU of range");

        var kept = Master(profile with { Floor = new DynamicsFloor { MinLraLu = floor } }, input);
        Assert.False(kept.TargetMet);
        Assert.Contains("dynamics floor decided the level", kept.TargetNote, StringComparison.Ordinal);
        Assert.Contains("loudness range", kept.TargetNote, StringComparison.Ordinal);
        var (lufs, lra, peak) = FfmpegEbur128.Measure(kept.Deliverables[0].Path);
        Assert.True(lra >= floor - 0.2, $"ffmpeg reads {lra:0.0} LU of range; the floor is {floor:0.0}");
        Assert.True(lufs < -8.5, $"the master is {lufs:0.00} LUFS: the floor should have cost loudness");
        Assert.True(peak <= loud.CeilingDbtp + 0.05, $"{peak:0.00} dBTP");
        Assert.Equal(kept.Output.IntegratedLufs, lufs, 0.1);
    }

    [Fact]
    public void LoudnessRangeFloor_OverWhatTheChainLeaves_KeepsTheMasterOutOfTheLimiter()
    {
        // No level keeps a range the mix does not have; the floor must still stop the limiter taking more.
        var input = Excerpt(Material.Song(3), 60);
        var loud = DeliveryTargets.Spotify with { Name = "loud", IntegratedLufs = -8 };
        var profile = MasteringProfile.ForTarget(loud) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
        var pushed = Master(profile, input);
        var floor = Math.Round(pushed.Input.LoudnessRangeLu + 5, 1);

        var kept = Master(profile with { Floor = new DynamicsFloor { MinLraLu = floor } }, input);
        Assert.False(kept.TargetMet);
        Assert.Contains("dynamics floor decided the level", kept.TargetNote, StringComparison.Ordinal);
        Assert.Contains("already under", kept.TargetNote, StringComparison.Ordinal);
        Assert.True(kept.LimiterMaxGainReductionDb < 0.5, $"the limiter still took {kept.LimiterMaxGainReductionDb:0.00} dB");
        var (lufs, lra, peak) = FfmpegEbur128.Measure(kept.Deliverables[0].Path);
        var (_, pushedLra, _) = FfmpegEbur128.Measure(pushed.Deliverables[0].Path);
        Assert.True(lra > pushedLra + 1, $"ffmpeg reads {lra:0.0} LU kept against {pushedLra:0.0} LU pushed");
        Assert.True(lufs < pushed.Output.IntegratedLufs - 1, $"the master is {lufs:0.00} LUFS");
        Assert.True(peak <= loud.CeilingDbtp + 0.05, $"{peak:0.00} dBTP");
    }

    [Fact]
    public void SparseIntro_PushedFarPastWhatTheLimiterCanGive_EndsWithANote_NotAnError()
    {
        // Song 1's first 8 s: a sparse intro 23 dB under its peaks. -5 LUFS would need more than the 40 dB
        // of gain a job applies (the search once asked the limiter for 48.4 dB and failed the title).
        var input = Excerpt(Material.Song(1), 8);
        var loudest = DeliveryTargets.Spotify with { Name = "loudest", IntegratedLufs = -5 };
        var report = Master(MasteringProfile.ForTarget(loudest) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] }, input);
        Assert.True(report.GainDb <= 40 + 1e-9, $"gain {report.GainDb} dB");
        Assert.True(report.Output.TruePeakDbtp <= loudest.CeilingDbtp + 1e-9);
        Assert.False(report.TargetMet && report.TargetNote is not null);
        Assert.True(report.TargetMet || report.TargetNote!.Contains("could not bring", StringComparison.Ordinal), report.TargetNote);
    }

    [Fact]
    public void CdTarget_KeepsTheLevel_HoldsMinus0Point3Dbtp_DeliversDithered16Bit44k()
    {
        var input = Excerpt(Material.Song(3), 30, gainDb: 12);
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Cd) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Cd }] };
        var report = Master(profile, input);
        Assert.Equal(0.0, report.GainDb);
        var cd = Assert.Single(report.Deliverables);
        using (var reader = WavReader.Open(cd.Path))
        {
            Assert.Equal(44_100, reader.Info.SampleRate);
            Assert.Equal(SampleFormat.Pcm16, reader.Info.SampleFormat);
        }

        var reference = ReferenceMeter.MeasureFile(cd.Path);
        Assert.True(reference.TruePeakDbtp <= -0.3, $"{reference.TruePeakDbtp:0.000} dBTP");
        Assert.True(report.LimiterMaxGainReductionDb < -1, "the pushed excerpt needed limiting");
        // No loudness target: nothing is added, the limiter only takes.
        Assert.True(report.Output.IntegratedLufs <= report.Input.IntegratedLufs + 0.05);
    }

    [Fact]
    public void ReleaseDeliverables_EveryFormatWithItsMetadataAndChecksum()
    {
        var input = Excerpt(Material.Song(2), 20);
        var metadata = new TrackMetadata { Title = "Blupi Two", Artist = "Planet Blupi", Album = "Demo Release", TrackNumber = 2, TrackTotal = 10, Year = 2026, Isrc = "GB-AYE-26-00123", Upc = "5012345678900" };
        var report = new MasteringJob(MasteringProfile.ForTarget(DeliveryTargets.Spotify)).Run(input, _folder, new MasteringJobOptions { Metadata = metadata, Origination = Origination, FileStem = "blupi-two" }, TestContext.Current.CancellationToken);
        Assert.Equal(["master", "cd", "flac", "mp3", "aac", "opus"], report.Deliverables.Select(d => d.Label));
        foreach (var d in report.Deliverables)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(d.Path))), d.Sha256);
            Assert.Equal(-14.0, d.Loudness.IntegratedLufs, 0.2);
            var probe = Tools.Probe(d.Path);
            var tags = Tools.Tags(probe);
            Assert.Equal("Blupi Two", tags["title"]);
            Assert.Equal("Planet Blupi", tags["artist"]);
            Assert.Equal("Demo Release", tags["album"]);
            Assert.StartsWith("2", tags["track"], StringComparison.Ordinal);
            Assert.Equal("2026", tags["date"]);
            var isrc = d.Format switch { "mp3" => tags["tsrc"], "wav" or "cd" => tags["isrc"], _ => tags["isrc"] };
            Assert.Equal("GBAYE2600123", isrc);
            if (d.Format is "flac" or "mp3" or "aac" or "opus")
            {
                Assert.Equal("5012345678900", tags["barcode"]);
            }
            else
            {
                // WAV: the ID3 chunk (ffprobe shows INFO and bext instead when a file has them).
                using var wavFile = WavReader.Open(d.Path);
                var id3 = Id3Frames(Assert.Single(wavFile.Chunks, c => c.Id == "id3 ").Data);
                Assert.Equal("BARCODE\05012345678900", id3["TXXX"]);
                Assert.Equal("GBAYE2600123", id3["TSRC"]);
                Assert.Equal("Blupi Two", id3["TIT2"]);
                Assert.Equal("2/10", id3["TRCK"]);
            }
        }

        Assert.Equal("blupi-two.master.wav", System.IO.Path.GetFileName(report.Deliverables[0].Path));
        var stream = Tools.Probe(report.Deliverables.Single(d => d.Label == "mp3").Path).GetProperty("streams")[0];
        Assert.Equal("320000", stream.GetProperty("bit_rate").GetString());
        Assert.Equal("44100", stream.GetProperty("sample_rate").GetString());
        Assert.Equal("48000", Tools.Probe(report.Deliverables.Single(d => d.Label == "opus").Path).GetProperty("streams")[0].GetProperty("sample_rate").GetString());
        Assert.Equal(6, report.Preview.Count);

        // The FLAC holds exactly the 24-bit master's samples.
        using var wav = AudioFile.OpenRead(report.Deliverables.Single(d => d.Label == "master").Path);
        using var flac = AudioFile.OpenRead(report.Deliverables.Single(d => d.Label == "flac").Path);
        var a = new AudioBuffer(2, 48_000 * 20);
        var b = new AudioBuffer(2, 48_000 * 20);
        Assert.Equal(wav.Read(a.AsBlock()), flac.Read(b.AsBlock()));
        Assert.Equal(a.Channel(0), b.Channel(0));
        Assert.Equal(a.Channel(1), b.Channel(1));

        // bext carries the origination and the measured master.
        using var bwf = WavReader.Open(report.Deliverables[0].Path);
        Assert.Equal("2026-11-25", bwf.Bext!.OriginationDate);
        Assert.Equal("Planet Blupi - Blupi Two", bwf.Bext.Description);
    }

    [Fact]
    public void SameJobTwice_SameBytes()
    {
        var input = Excerpt(Material.Song(0), 15);
        var profile = MasteringProfile.ForTarget(DeliveryTargets.AppleMusic);
        var first = new MasteringJob(profile).Run(input, System.IO.Path.Combine(_folder, "a"), new MasteringJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);
        var second = new MasteringJob(profile).Run(input, System.IO.Path.Combine(_folder, "b"), new MasteringJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);
        Assert.Equal(first.Deliverables.Select(d => (d.Label, d.Sha256)), second.Deliverables.Select(d => (d.Label, d.Sha256)));
    }

    [Fact]
    public void MasterThenEachDeliverable_SameBytesAndChecksAsOnePass()
    {
        // One task per deliverable on the farm: the float master, then each file from it. Every byte and
        // every check must be what the one-pass job gives (rate conversion, dither, noise shaping, encoders).
        var input = Excerpt(Material.Song(1), 12);
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
        {
            Deliverables =
            [
                new DeliverableSpec { Format = DeliverableFormat.Wav, BitDepth = 24 },
                new DeliverableSpec { Format = DeliverableFormat.Wav, BitDepth = 16, SampleRate = 44_100 },
                new DeliverableSpec { Format = DeliverableFormat.Cd },
                new DeliverableSpec { Format = DeliverableFormat.Flac },
                new DeliverableSpec { Format = DeliverableFormat.Mp3, BitrateKbps = 320 },
                new DeliverableSpec { Format = DeliverableFormat.Aac, BitrateKbps = 256 },
            ],
        };
        var options = new MasteringJobOptions { Origination = Origination, Metadata = new TrackMetadata { Title = "Blupi", Artist = "Épée", Isrc = "GBAYE2600123" } };
        var ct = TestContext.Current.CancellationToken;
        var onePass = new MasteringJob(profile).Run(input, System.IO.Path.Combine(_folder, "one"), options, ct);

        var masterFolder = System.IO.Path.Combine(_folder, "master");
        var master = new MasteringJob(profile).Master(input, masterFolder, options, ct);
        Assert.Empty(master.Deliverables);
        Assert.Equal(Same(onePass.Output), Same(master.Output));
        Assert.Equal(onePass.GainDb, master.GainDb);
        Assert.True(MasterFiles.Exists(masterFolder));
        Assert.Equal(["master.json", "master.wav"], Directory.GetFileSystemEntries(masterFolder).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal));

        var split = System.IO.Path.Combine(_folder, "split");
        var delivered = Enumerable.Range(0, profile.Deliverables.Count)
            .Select(i => new MasteringJob(profile).Deliver(masterFolder, i, split, ct))
            .ToArray();
        Assert.Equal(onePass.Deliverables.Count, delivered.Length);
        for (var i = 0; i < delivered.Length; i++)
        {
            var (a, b) = (onePass.Deliverables[i], delivered[i]);
            Assert.Equal(System.IO.Path.GetFileName(a.Path), System.IO.Path.GetFileName(b.Path));
            Assert.Equal(a.Sha256, b.Sha256);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(b.Path))), b.Sha256);
            // The same samples measured in other block sizes: sums in another order, so equal to 1e-9.
            Assert.Equal(a.Loudness.IntegratedLufs, b.Loudness.IntegratedLufs, 1e-9);
            Assert.Equal(a.Loudness.LoudnessRangeLu, b.Loudness.LoudnessRangeLu, 1e-9);
            Assert.Equal(a.Loudness.TruePeakDbtp, b.Loudness.TruePeakDbtp, 1e-9);
            Assert.Equal(a.Loudness.SamplePeakDbfs, b.Loudness.SamplePeakDbfs, 1e-9);
            Assert.Equal(Same(a.Qc), Same(b.Qc));
            Assert.Equal((a.SampleRate, a.BitDepth, a.BitrateKbps, a.Bytes), (b.SampleRate, b.BitDepth, b.BitrateKbps, b.Bytes));
        }

        Assert.DoesNotContain(Directory.GetFileSystemEntries(split), f => System.IO.Path.GetFileName(f).StartsWith('.'));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MasteringJob(profile).Deliver(masterFolder, profile.Deliverables.Count, split, ct));
        var missing = Assert.Throws<AudioFileException>(() => new MasteringJob(profile).Deliver(System.IO.Path.Combine(_folder, "nothing"), 0, split, ct));
        Assert.Contains("master.json: master: there is no finished master here", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaNInTheMix_JobFailsNamingFileAndTime_NothingLeftBehind()
    {
        var input = System.IO.Path.Combine(_folder, "nan.wav");
        var data = new byte[48_000 * 2 * 4 * 3];
        BitConverter.TryWriteBytes(data.AsSpan(((48_000 * 2) + 1) * 2 * 4), float.NaN);
        File.WriteAllBytes(input, WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(3, 2, 48_000, 32), null), ("data", data, null)));
        var output = System.IO.Path.Combine(_folder, "out");
        var e = Assert.Throws<AudioFileException>(() => new MasteringJob(MasteringProfile.ForTarget(DeliveryTargets.Spotify)).Run(input, output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains($"{input}: sample data: sample NaN at frame 96001 on channel 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("2.000 s", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void MonoMix_Mastered()
    {
        var input = System.IO.Path.Combine(_folder, "mono.wav");
        Tools.Ffmpeg("-i", Material.Song(1), "-t", "20", "-ac", "1", "-c:a", "pcm_s24le", input);
        var profile = MasteringProfile.ForTarget(DeliveryTargets.PodcastMono) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
        var report = Master(profile, input);
        Assert.Equal(1, report.Channels);
        Assert.Equal(-19.0, ReferenceMeter.MeasureFile(report.Deliverables[0].Path).IntegratedLufs, 0.1);
    }

    [Fact]
    public void NonAsciiMetadata_FullInInfoAndId3_FoldedInBext()
    {
        var input = Excerpt(Material.Song(3), 8);
        var metadata = new TrackMetadata { Title = "Café Noir — Straße", Artist = "Zoë" };
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
        var report = new MasteringJob(profile).Run(input, _folder, new MasteringJobOptions { Metadata = metadata, Origination = Origination }, TestContext.Current.CancellationToken);
        var path = report.Deliverables[0].Path;
        Assert.Equal("Café Noir — Straße", Tools.Tags(Tools.Probe(path))["title"]);
        using var wav = WavReader.Open(path);
        Assert.Equal("Zoe - Cafe Noir ? Strasse", wav.Bext!.Description);
        Assert.Equal("Café Noir — Straße", Id3Frames(Assert.Single(wav.Chunks, c => c.Id == "id3 ").Data)["TIT2"]);
    }

    [Fact]
    public void Overview_DrawsTheInputAndTheMasterTruthfully_AndTheChainThatRan()
    {
        // A +6 dB high shelf at 8 kHz: the master's long-term spectrum must rise above 8 kHz against the input's.
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
        {
            Chain = new ChainSettings { Eq = [new Dsp.Filters.EqBand(Dsp.Filters.BiquadKind.HighShelf, 8000, 0.7071, 6.0)], Multiband = null },
            Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }],
        };
        var report = Master(profile, Excerpt(Material.Song(2), 20));
        var overview = System.Text.Json.Nodes.JsonNode.Parse(Contracts.Reports.ReportJson.Write(Overview.OverviewBuilder.Build(report)))!;
        var input = overview["input"]!;
        var output = overview["output"]!;

        // Waveform peaks: the input's highest peak is its sample peak; the master's stays under the ceiling.
        double Peak(System.Text.Json.Nodes.JsonNode o) => Math.Max(
            o["waveform"]!["max"]!.AsArray().Max(v => v!.GetValue<double>()), -o["waveform"]!["min"]!.AsArray().Min(v => v!.GetValue<double>()));
        Assert.Equal(Decibels.ToAmplitude(report.Input.SamplePeakDbfs), Peak(input), 1e-4);
        Assert.True(Peak(output) <= Decibels.ToAmplitude(-1.0) + 1e-4, $"master waveform peaks at {Peak(output):0.0000}");
        Assert.InRange(input["waveform"]!["max"]!.AsArray().Count, 1024, 2048);

        // Loudness over time: the decimated series keeps the loudest short-term reading.
        Assert.Equal(report.Output.MaxShortTermLufs, output["loudness"]!["short_term_lufs"]!.AsArray().Max(v => v?.GetValue<double>() ?? -99), 0.06);
        Assert.Equal(-14.0, overview["target_lufs"]!.GetValue<double>());

        // Spectrum: the shelf lifts 12.7 kHz by about 6 dB more than 500 Hz (less where the limiter works).
        double Band(System.Text.Json.Nodes.JsonNode o, double hz)
        {
            var spectrum = o["spectrum"]!;
            var index = spectrum["hz"]!.AsArray().Select((f, i) => (Math.Abs(Math.Log(f!.GetValue<double>() / hz)), i)).Min().i;
            return spectrum["db"]![index]!.GetValue<double>();
        }

        var lift = (Band(output, 12_700) - Band(input, 12_700)) - (Band(output, 500) - Band(input, 500));
        Assert.InRange(lift, 4.5, 6.5);

        var chain = System.Text.Json.Nodes.JsonNode.Parse(Contracts.Reports.ReportJson.Write(Reports.MasterDocument.Build(report, series: false)))!["chain"]!.AsArray();
        Assert.Equal(["input gain", "eq", "loudness gain", "true-peak limiter"], chain.Select(s => s!["stage"]!.GetValue<string>()));
        Assert.Contains("high shelf 8000 Hz +6.0 dB", chain[1]!["settings"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The text frames of an ID3v2.4 tag, read by the spec (synchsafe sizes, UTF-8 text after an encoding byte).
    private static Dictionary<string, string> Id3Frames(ReadOnlyMemory<byte> chunk)
    {
        var tag = chunk.Span;
        Assert.True(tag[..3].SequenceEqual("ID3"u8) && tag[3] == 4, "an ID3v2.4 header");
        static int SyncSafe(ReadOnlySpan<byte> b) => (b[0] << 21) | (b[1] << 14) | (b[2] << 7) | b[3];
        var end = 10 + SyncSafe(tag[6..10]);
        var frames = new Dictionary<string, string>();
        for (var at = 10; at + 10 <= end;)
        {
            var id = System.Text.Encoding.ASCII.GetString(tag.Slice(at, 4));
            var size = SyncSafe(tag.Slice(at + 4, 4));
            var content = tag.Slice(at + 10, size);
            Assert.Equal(3, content[0]);
            frames[id] = System.Text.Encoding.UTF8.GetString(content[1..]);
            at += 10 + size;
        }

        return frames;
    }

    private MasteringReport Master(MasteringProfile profile, string input) =>
        new MasteringJob(profile).Run(input, System.IO.Path.Combine(_folder, Guid.NewGuid().ToString("N")), new MasteringJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);

    // Records holding lists compare by reference: compare what they say.
    private static string Same(object value) => JsonSerializer.Serialize(value, Literal);

    private string Excerpt(string source, int seconds, double gainDb = 0)
    {
        var path = System.IO.Path.Combine(_folder, $"excerpt-{Guid.NewGuid():N}.wav");
        Tools.Ffmpeg("-i", source, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-af", $"volume={gainDb.ToString(System.Globalization.CultureInfo.InvariantCulture)}dB", "-c:a", "pcm_f32le", path);
        return path;
    }

    private static string Path(string item)
    {
        var (kind, name) = (item.Split(':')[0], item.Split(':')[1]);
        return kind switch
        {
            "song" => Material.Song(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)),
            "full" => Material.FullSong(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)),
            _ => Material.Loop(name),
        };
    }
}
