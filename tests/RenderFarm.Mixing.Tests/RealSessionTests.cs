using System.Globalization;
using System.Text;
using RenderFarm.Audio;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Mixing.Tests;

/// <summary>
/// A session of real recorded stems (planetblupi song 3, one stem per MIDI part, rendered by fluidsynth)
/// with every kind of insert, sends to a reverb and a tempo-synced delay, a chorus bus, automation and a
/// master chain: one pass against stems-then-mixdown, determinism, tails, and the report against
/// libebur128 and the stem files themselves.
/// </summary>
public sealed class RealSessionTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("mix-real");

    /// <summary>The session around the stems of song 3: JSON, with sources relative to the stems' song folder.</summary>
    public static string Session(IReadOnlyList<string> stems, string extraTracks = "")
    {
        var f = CultureInfo.InvariantCulture;
        string[] inserts =
        [
            """{ "type": "eq", "bands": [ { "type": "high_pass", "frequency_hz": 40 }, { "type": "peaking", "frequency_hz": 300, "q": 1.2, "gain_db": -2 } ] }, { "type": "compressor", "threshold_db": -24, "ratio": 3, "attack_ms": 10, "release_ms": 120, "makeup_db": 2 }""",
            """{ "type": "gate", "threshold_db": -45, "range_db": 30 }""",
            """{ "type": "de_esser", "frequency_hz": 5000, "threshold_db": -35 }""",
            """{ "type": "saturation", "drive_db": 6, "mix": 0.5 }""",
            """{ "type": "eq", "bands": [ { "type": "high_shelf", "frequency_hz": 8000, "gain_db": 2 } ] }""",
            "",
        ];
        var tracks = new StringBuilder();
        for (var i = 0; i < stems.Count; i++)
        {
            var pan = ((i % 5) - 2) * 0.35;
            var sends = i % 2 == 0
                ? """[ { "bus": "verb", "level_db": -12 }, { "bus": "echo", "level_db": -18, "pre_fader": true } ]"""
                : """[ { "bus": "verb", "level_db": -15 } ]""";
            var automation = i == 1
                ? """[ { "parameter": "gain_db", "interpolation": "smooth", "points": [ { "time_s": 10, "value": -4 }, { "time_s": 20, "value": -12 }, { "time_s": 30, "value": -4 } ] }, { "parameter": "pan", "points": [ { "time_s": 0, "value": -0.6 }, { "time_s": 50, "value": 0.6 } ] } ]"""
                : i == 0 ? """[ { "parameter": "inserts[1].threshold_db", "points": [ { "time_s": 5, "value": -24 }, { "time_s": 15, "value": -36 } ] } ]""" : "[]";
            var mutes = i == 2 ? """[ { "start_s": 20, "end_s": 24.5 } ]""" : "[]";
            tracks.Append(string.Create(f, $$"""
                { "name": "part {{i}}", "source": "stems/{{Path.GetFileName(stems[i])}}", "gain_db": {{-4 - (i % 3)}}, "pan": {{pan}},
                  "inserts": [ {{inserts[i % inserts.Length]}} ], "sends": {{sends}}, "automation": {{automation}}, "mutes": {{mutes}} },
                """));
        }

        tracks.Append(extraTracks);
        return $$"""
            { "version": 1, "sample_rate": 48000, "tempo_bpm": 112, "pan_law": "constant_power",
              "tracks": [ {{tracks.ToString().TrimEnd().TrimEnd(',')}} ],
              "buses": [
                { "name": "verb", "inserts": [ { "type": "reverb", "predelay_ms": 20, "decay_s": 2.2, "damping": 0.4, "mix": 1 } ], "output": "fx" },
                { "name": "echo", "inserts": [ { "type": "delay", "note": "1/8.", "feedback": 0.4, "high_cut_hz": 5000, "ping_pong": true } ], "gain_db": -3, "output": "fx" },
                { "name": "fx", "inserts": [ { "type": "chorus", "mix": 0.3 } ], "gain_db": -2,
                  "automation": [ { "parameter": "inserts[0].mix", "points": [ { "time_s": 0, "value": 0.1 }, { "time_s": 40, "value": 0.6 } ] } ] } ],
              "master": { "inserts": [ { "type": "compressor", "threshold_db": -18, "ratio": 2, "attack_ms": 30, "release_ms": 200 },
                                       { "type": "eq", "bands": [ { "type": "low_shelf", "frequency_hz": 100, "gain_db": 1 } ] } ], "gain_db": -1 } }
            """;
    }

    private static IReadOnlyList<string> Stems => Material.Stems(3);

    private static string SongFolder => Path.GetDirectoryName(Path.GetDirectoryName(Stems[0]))!;

    private static SessionSpec Load(string json) => SessionLoader.Parse(json, SongFolder);

    [Fact]
    public void OnePass_AndStemsThenMixdown_GiveTheSameBytes_AndRendersAreDeterministic()
    {
        Assert.True(Stems.Count >= 8, $"song 3 has {Stems.Count} stems");
        var session = Load(Session(Stems));
        var onePass = MixRenderer.Render(session, Path.Combine(_folder, "one-pass.wav"), cancellation: TestContext.Current.CancellationToken);
        var again = MixRenderer.Render(session, Path.Combine(_folder, "again.wav"), cancellation: TestContext.Current.CancellationToken);
        var stemmed = MixRenderer.RenderWithStems(session, Path.Combine(_folder, "stems"), Path.Combine(_folder, "from-stems.wav"), cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(onePass.Sha256, again.Sha256);
        Assert.Equal(onePass.Sha256, stemmed.Sha256);
        Assert.Equal(File.ReadAllBytes(onePass.Output), File.ReadAllBytes(stemmed.Output));
        Assert.Equal("stems then mixdown", stemmed.Mode);
        Assert.Equal(Stems.Count + (Stems.Count + 1) / 2 * 2 + (Stems.Count / 2), stemmed.Stems.Count); // outputs, 2 sends on even parts, 1 on odd

        // A stem rendered on its own (as a farm worker would) is the same file as in the full render.
        var alone = MixRenderer.RenderStems(session, 3, Path.Combine(_folder, "alone"), cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(stemmed.Stems.Where(s => s.Track == 3).Select(s => s.Sha256), alone.Select(s => s.Sha256));
        Assert.Equal(onePass.Loudness.IntegratedLufs, stemmed.Loudness.IntegratedLufs);
    }

    [Fact]
    public void Report_MatchesLibebur128AndTheStems_AndFlagsSilentAndClippingTracks()
    {
        var extra = $$"""
            { "name": "muted fader", "source": "stems/{{Path.GetFileName(Stems[0])}}", "gain_db": -144 },
            { "name": "too hot", "source": "stems/{{Path.GetFileName(Stems[1])}}", "gain_db": 24 },
            { "name": "muted", "source": "stems/{{Path.GetFileName(Stems[2])}}", "mute": true },
            """;
        var session = Load(Session(Stems, extra));
        var report = MixRenderer.RenderWithStems(session, Path.Combine(_folder, "stems"), Path.Combine(_folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken);

        var reference = ReferenceMeter.MeasureFile(report.Output);
        Assert.Equal(reference.IntegratedLufs, report.Loudness.IntegratedLufs, 0.01);
        Assert.Equal(reference.TruePeakDbtp, report.Loudness.TruePeakDbtp, 0.05);
        Assert.Equal(reference.SamplePeakDbfs, report.Loudness.SamplePeakDbfs, 0.001);

        var n = Stems.Count;
        Assert.Equal(n + 3, report.Tracks.Count);
        foreach (var track in report.Tracks.Take(n))
        {
            Assert.True(track.Audible && !track.Silent && !track.Clips, $"{track.Name}: {track}");
            var stem = Path.Combine(_folder, "stems", StemFiles.Direct(session, track.Index));
            var measured = ReferenceMeter.MeasureFile(stem);
            Assert.Equal(measured.IntegratedLufs, track.IntegratedLufs!.Value, 0.01);
            Assert.Equal(measured.SamplePeakDbfs, track.PeakDbfs!.Value, 0.001);
        }

        var silent = report.Tracks[n];
        Assert.True(silent.Silent && silent.Audible, silent.ToString());
        var hot = report.Tracks[n + 1];
        Assert.True(hot.Clips && hot.PeakDbfs > 0, hot.ToString());
        var hotStem = MixFixture.Read(Path.Combine(_folder, "stems", StemFiles.Direct(session, n + 1)));
        Assert.Equal(hotStem.Sum(c => c.LongCount(x => Math.Abs(x) > 1f)), hot.OverSamples);
        var muted = report.Tracks[n + 2];
        Assert.False(muted.Audible);
        Assert.Null(muted.PeakDbfs);
        Assert.False(File.Exists(Path.Combine(_folder, "stems", StemFiles.Direct(session, n + 2))));
        Assert.Contains(report.Notes, x => x.Contains("'muted fader' is silent", StringComparison.Ordinal));
        Assert.Contains(report.Notes, x => x.Contains("'too hot' goes over full scale", StringComparison.Ordinal));
        Assert.Equal(["verb", "echo", "fx"], report.Buses.Select(b => b.Name));
        Assert.All(report.Buses, b => Assert.True(b.PeakDbfs is > -60 and < 0, b.ToString()));
    }

    [Fact]
    public void Tails_ExtendTheRender_AndTheReverbRingsOutInIt()
    {
        var session = Load(Session(Stems));
        var report = MixRenderer.Render(session, Path.Combine(_folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken);
        var sourceFrames = Stems.Max(s =>
        {
            using var r = AudioFile.OpenRead(s);
            return r.Info.Frames!.Value;
        });
        Assert.True(report.Frames > sourceFrames + 48_000, $"{report.Frames} frames for {sourceFrames} of sources");

        // A drum hit of 0.2 s into a 2 s reverb and a delay: the render runs on for their tails, the
        // effects sound after the hit, and have died away by the end.
        var hit = MixFixture.Read(Stems[^1])[0].AsSpan(0, 48_000 * 4).ToArray();
        var loudest = Array.IndexOf(hit, hit.MaxBy(Math.Abs));
        var regionJson = string.Create(CultureInfo.InvariantCulture, $$"""[ { "start_s": 0, "source_in_s": {{loudest / 48_000.0}}, "length_s": 0.2, "fade_out_s": 0.01 } ]""");
        var tails = Load($$"""
            { "tempo_bpm": 120, "tracks": [ { "name": "hit", "source": "stems/{{Path.GetFileName(Stems[^1])}}", "regions": {{regionJson}},
                "sends": [ { "bus": "verb", "level_db": 0 }, { "bus": "echo", "level_db": 0 } ] } ],
              "buses": [ { "name": "verb", "inserts": [ { "type": "reverb", "decay_s": 2, "mix": 1 } ] },
                         { "name": "echo", "inserts": [ { "type": "delay", "note": "1/4", "feedback": 0.5, "mix": 1 } ] } ] }
            """);
        var ring = MixRenderer.Render(tails, Path.Combine(_folder, "tails.wav"), cancellation: TestContext.Current.CancellationToken);
        Assert.True(ring.DurationSeconds > 2.2, $"{ring.DurationSeconds:0.00} s");
        var mix = MixFixture.Read(ring.Output)[0];
        var after = Testing.SignalAnalysis.Rms(mix.AsSpan(48_000 * 3 / 10, 4_800));
        var end = Testing.SignalAnalysis.Rms(mix.AsSpan(mix.Length - 4_800));
        Assert.True(after > 1e-3, $"rms after the hit {after}");
        Assert.True(end < after / 300, $"rms at the end {end}, after the hit {after}");
    }

    [Fact]
    public void TheExampleSession_RendersCleanly_AndItsReportMatchesLibebur128()
    {
        var json = File.ReadAllText(Path.Combine(Material.Repository, "docs", "examples", "blupi-003.session.json"));
        var report = MixRenderer.Render(Load(json), Path.Combine(_folder, "example.wav"), new MixOptions { OutputFormat = SampleFormat.Pcm24 }, cancellation: TestContext.Current.CancellationToken);
        Assert.Empty(report.Notes);
        Assert.Equal(0, report.OverSamples);
        Assert.All(report.Tracks, t => Assert.True(t.Audible && !t.Silent && !t.Clips, t.ToString()));
        var reference = ReferenceMeter.MeasureFile(report.Output);
        Assert.Equal(reference.IntegratedLufs, report.Loudness.IntegratedLufs, 0.01);
        Assert.Equal(reference.LoudnessRangeLu, report.Loudness.LoudnessRangeLu, 0.6);
        Assert.InRange(report.Loudness.IntegratedLufs, -30, -14);
    }

    [Fact]
    public void StemsAtUnity_SumToFluidsynthsOwnMixOfTheSong()
    {
        // fluidsynth rendered the song whole (mix.wav) and each MIDI part alone (the stems); the parts
        // at unity, centred, summed, must give the whole song back (to fluidsynth's own non-linearity).
        var tracks = string.Join(",", Stems.Select((s, i) => $$"""{ "name": "p{{i}}", "source": "stems/{{Path.GetFileName(s)}}" }"""));
        var report = MixRenderer.Render(Load($$"""{ "tracks": [ {{tracks}} ] }"""), Path.Combine(_folder, "sum.wav"), cancellation: TestContext.Current.CancellationToken);
        var ours = MixFixture.Read(report.Output);
        var theirs = MixFixture.Read(Path.Combine(SongFolder, "mix.wav"));
        Assert.Equal(theirs[0].Length, ours[0].Length);
        double difference = 0, signal = 0;
        for (var c = 0; c < 2; c++)
        {
            for (var n = 0; n < ours[c].Length; n++)
            {
                difference += (double)(ours[c][n] - theirs[c][n]) * (ours[c][n] - theirs[c][n]);
                signal += (double)theirs[c][n] * theirs[c][n];
            }
        }

        var residualDb = 10 * Math.Log10(difference / signal);
        Assert.True(residualDb < -45, $"the sum differs from fluidsynth's mix by {residualDb:0.0} dB");
        var reference = ReferenceMeter.MeasureFile(Path.Combine(SongFolder, "mix.wav"));
        Assert.Equal(reference.IntegratedLufs, report.Loudness.IntegratedLufs, 0.05);
        Assert.Equal(reference.TruePeakDbtp, report.Loudness.TruePeakDbtp, 0.1);
    }

    [Fact]
    public void OnePassAndStems_AgreeAgainstFfmpegsFilterGraph_OnGainPanAndSum()
    {
        // The linear part of a mix (fader, constant-power pan, sum) by ffmpeg: volume, pan and amix
        // without normalisation, all in float; they must agree to float rounding.
        var stems = Stems;
        var tracks = new StringBuilder();
        var graph = new StringBuilder();
        var args = new List<string>();
        for (var i = 0; i < stems.Count; i++)
        {
            var gain = -3.0 - i;
            var pan = (i - 3.5) / 4.0;
            var (l, r) = Panner.Stereo(PanLaw.ConstantPower, pan);
            tracks.Append(string.Create(CultureInfo.InvariantCulture, $$"""{ "name": "p{{i}}", "source": "stems/{{Path.GetFileName(stems[i])}}", "gain_db": {{gain}}, "pan": {{pan}} },"""));
            args.AddRange(["-i", stems[i]]);
            graph.Append(string.Create(CultureInfo.InvariantCulture, $"[{i}:a]aformat=sample_fmts=fltp,volume={gain}dB:precision=float,pan=stereo|c0={l:R}*c0|c1={r:R}*c1[t{i}];"));
        }

        graph.Append(string.Concat(Enumerable.Range(0, stems.Count).Select(i => $"[t{i}]")));
        graph.Append(CultureInfo.InvariantCulture, $"amix=inputs={stems.Count}:normalize=0:duration=longest:dropout_transition=0");
        var ours = MixRenderer.Render(Load($$"""{ "tracks": [ {{tracks.ToString().TrimEnd(',')}} ] }"""), Path.Combine(_folder, "ours.wav"), cancellation: TestContext.Current.CancellationToken);
        var theirs = Path.Combine(_folder, "ffmpeg.wav");
        Tools.Ffmpeg([.. args, "-filter_complex", graph.ToString(), "-c:a", "pcm_f32le", theirs]);

        var a = MixFixture.Read(ours.Output);
        var b = MixFixture.Read(theirs);
        Assert.Equal(a[0].Length, b[0].Length);
        var worst = 0.0;
        for (var c = 0; c < 2; c++)
        {
            for (var n = 0; n < a[c].Length; n++)
            {
                worst = Math.Max(worst, Math.Abs(a[c][n] - b[c][n]));
            }
        }

        Assert.True(worst < 2e-6, $"largest difference from ffmpeg {worst:E2}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
