using System.Diagnostics;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dither;
using RenderFarm.Dsp.Metering;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing;

/// <summary>
/// Renders a session to a stereo mix: in one pass (every track rendered and mixed block by block), or a
/// track at a time to stems (<see cref="RenderStems"/>, which a farm spreads over machines) and then a
/// mixdown of the stems (<see cref="Mixdown"/>). Both sum the same samples in the same order, so they
/// give the same bytes; and the same session, sources and options always give the same bytes.
/// </summary>
public static class MixRenderer
{
    /// <summary>An audible track whose output never reaches this level is reported silent.</summary>
    public const double SilenceDbfs = -90.0;

    /// <summary>
    /// Checks a session's sources as a render would (inside the media root, readable, mono or stereo) and
    /// gives the tracks that sound: the ones a farm renders as separate tasks.
    /// </summary>
    public static IReadOnlyList<int> AudibleTracks(SessionSpec session, MixOptions? options = null)
    {
        var plan = MixPlan.Create(session, options ?? new MixOptions());
        return [.. Audible(plan)];
    }

    /// <summary>Renders every audible track and mixes them down in one pass.</summary>
    public static MixReport Render(SessionSpec session, string output, MixOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new MixOptions();
        var clock = Stopwatch.StartNew();
        var plan = MixPlan.Create(session, options);
        var feeds = new List<ITrackFeed>();
        try
        {
            foreach (var t in Audible(plan))
            {
                feeds.Add(new TrackRenderer(session, t, plan.Sources[t], options.BlockFrames));
            }
        }
        catch
        {
            feeds.ForEach(f => f.Dispose());
            throw;
        }

        return Mix(plan, feeds, output, options, "one pass", [], clock, progress, cancellation);
    }

    /// <summary>
    /// Renders one track to its stems in <paramref name="directory"/> (<see cref="StemFiles"/>): its output
    /// and each send, 32-bit float stereo over the whole render length. Needs nothing of the other tracks.
    /// </summary>
    public static IReadOnlyList<StemReport> RenderStems(SessionSpec session, int track, string directory, MixOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new MixOptions();
        var plan = MixPlan.Create(session, options);
        if ((uint)track >= (uint)session.Tracks.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(track), track, $"track {track} is not in the session: it has {session.Tracks.Count}");
        }

        return RenderTrackStems(plan, track, directory, options, progress, cancellation);
    }

    /// <summary>Mixes down the stems of every audible track, rendered before by <see cref="RenderStems"/>.</summary>
    public static MixReport Mixdown(SessionSpec session, string stemsDirectory, string output, MixOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new MixOptions();
        var clock = Stopwatch.StartNew();
        var plan = MixPlan.Create(session, options);
        return MixStems(plan, stemsDirectory, output, options, [], clock, progress, cancellation);
    }

    /// <summary>Renders every audible track's stems into <paramref name="stemsDirectory"/>, then mixes them down.</summary>
    public static MixReport RenderWithStems(SessionSpec session, string stemsDirectory, string output, MixOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new MixOptions();
        var clock = Stopwatch.StartNew();
        var plan = MixPlan.Create(session, options);
        var audible = Audible(plan).ToArray();
        var stems = new List<StemReport>();
        for (var i = 0; i < audible.Length; i++)
        {
            stems.AddRange(RenderTrackStems(plan, audible[i], stemsDirectory, options, null, cancellation));
            progress?.Report(0.5 * (i + 1) / audible.Length);
        }

        var half = progress is null ? null : new Progress<double>(p => progress.Report(0.5 + (0.5 * p)));
        return MixStems(plan, stemsDirectory, output, options, stems, clock, half, cancellation);
    }

    private static IEnumerable<int> Audible(MixPlan plan) => Enumerable.Range(0, plan.Session.Tracks.Count).Where(t => plan.Audible[t]);

    private static MixReport MixStems(MixPlan plan, string directory, string output, MixOptions options, IReadOnlyList<StemReport> stems, Stopwatch clock, IProgress<double>? progress, CancellationToken cancellation)
    {
        var feeds = new List<ITrackFeed>();
        try
        {
            foreach (var t in Audible(plan))
            {
                feeds.Add(new StemFeed(plan, t, directory, options.BlockFrames));
            }
        }
        catch
        {
            feeds.ForEach(f => f.Dispose());
            throw;
        }

        return Mix(plan, feeds, output, options, "stems then mixdown", stems, clock, progress, cancellation);
    }

    private static StemReport[] RenderTrackStems(MixPlan plan, int track, string directory, MixOptions options, IProgress<double>? progress, CancellationToken cancellation)
    {
        var session = plan.Session;
        Directory.CreateDirectory(directory);
        var names = StemFiles.All(session, track);
        var writers = new List<WavWriter>();
        using var renderer = new TrackRenderer(session, track, plan.Sources[track], options.BlockFrames);
        try
        {
            foreach (var name in names)
            {
                writers.Add(WavWriter.Create(Path.Combine(directory, name), new WavWriterOptions
                {
                    SampleRate = session.SampleRate,
                    Channels = 2,
                    Format = SampleFormat.Float32,
                    ExpectedFrames = plan.Frames,
                    Durable = false,
                }));
            }

            for (long frame = 0; frame < plan.Frames; frame += options.BlockFrames)
            {
                cancellation.ThrowIfCancellationRequested();
                var frames = (int)Math.Min(options.BlockFrames, plan.Frames - frame);
                renderer.Render(frame, frames);
                writers[0].Write(renderer.Direct.AsBlock(frames));
                for (var s = 0; s < renderer.Sends.Count; s++)
                {
                    writers[s + 1].Write(renderer.Sends[s].AsBlock(frames));
                }

                if (progress is not null && (frame / options.BlockFrames) % 64 == 0)
                {
                    progress.Report((double)(frame + frames) / plan.Frames);
                }
            }

            writers.ForEach(w => w.Complete());
            return [.. writers.Select((w, i) => new StemReport(track, i == 0 ? null : i - 1, w.FilePath, w.Sha256 ?? throw new InvalidOperationException("no hash"))),];
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

    private static MixReport Mix(MixPlan plan, List<ITrackFeed> feeds, string output, MixOptions options, string mode, IReadOnlyList<StemReport> stems, Stopwatch clock, IProgress<double>? progress, CancellationToken cancellation)
    {
        var session = plan.Session;
        var outputPath = Path.GetFullPath(output);
        if (plan.Sources.Any(s => s.Path == outputPath))
        {
            feeds.ForEach(f => f.Dispose());
            throw new SessionException("--out", $"'{output}' is one of the session's sources: the mix would overwrite it");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        using var graph = new MixGraph(plan, feeds, options.BlockFrames);
        var meter = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false, MonoFoldDown = true });
        meter.Prepare(new AudioSpec(session.SampleRate, 2, options.BlockFrames));
        Ditherer? dither = null;
        if (options.OutputFormat == SampleFormat.Pcm24)
        {
            dither = new Ditherer(24);
            dither.Prepare(new AudioSpec(session.SampleRate, 2, options.BlockFrames));
        }
        else if (options.OutputFormat != SampleFormat.Float32)
        {
            throw new SessionException("--format", $"{options.OutputFormat} is not a mix format: accepted Float32, Pcm24");
        }

        long overs = 0;
        string sha;
        using (var writer = WavWriter.Create(outputPath, new WavWriterOptions
        {
            SampleRate = session.SampleRate,
            Channels = 2,
            Format = options.OutputFormat,
            ExpectedFrames = plan.Frames,
        }))
        {
            var lastReport = 0L;
            for (long frame = 0; frame < plan.Frames; frame += options.BlockFrames)
            {
                cancellation.ThrowIfCancellationRequested();
                var frames = (int)Math.Min(options.BlockFrames, plan.Frames - frame);
                var mix = graph.Render(frame, frames);
                meter.Add(mix);
                overs += TrackMeter.Overs(mix);
                dither?.Process(mix);
                writer.Write(mix);
                if (progress is not null && frame - lastReport >= session.SampleRate)
                {
                    progress.Report((double)(frame + frames) / plan.Frames);
                    lastReport = frame;
                }
            }

            writer.Complete();
            sha = writer.Sha256 ?? throw new InvalidOperationException("no hash");
        }

        progress?.Report(1.0);
        var tracks = Tracks(plan, graph);
        var buses = session.Buses.Select((b, i) => new BusReport(b.Name, b.Mute, b.Mute ? null : Level(graph.Buses[i].Peak), !b.Mute && graph.Buses[i].Peak > 1.0f)).ToArray();
        return new MixReport
        {
            Output = outputPath,
            Sha256 = sha,
            Mode = mode,
            SampleRate = session.SampleRate,
            Frames = plan.Frames,
            Loudness = meter.GetReport(),
            OverSamples = overs,
            Tracks = tracks,
            Buses = buses,
            Stems = stems,
            Notes = [.. plan.Notes, .. Findings(tracks, buses, overs, options)],
            ElapsedSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    private static TrackReport[] Tracks(MixPlan plan, MixGraph graph)
    {
        var session = plan.Session;
        return [.. session.Tracks.Select((track, t) =>
        {
            var report = new TrackReport { Index = t, Name = track.Name, Source = track.Source, Audible = plan.Audible[t] };
            var at = graph.Feeds.Select((f, i) => (f, i)).FirstOrDefault(p => p.f.Track == t);
            if (at.f is null)
            {
                return report;
            }

            var meter = graph.Meters[at.i];
            var peak = Level(meter.Peak);
            var loudness = meter.IntegratedLufs;
            return report with
            {
                PeakDbfs = peak,
                IntegratedLufs = double.IsFinite(loudness) ? loudness : null,
                OverSamples = meter.OverSamples,
                Silent = peak is null || peak < SilenceDbfs,
            };
        })];
    }

    private static IEnumerable<string> Findings(TrackReport[] tracks, BusReport[] buses, long overs, MixOptions options)
    {
        foreach (var t in tracks.Where(t => t.Audible && t.Silent))
        {
            yield return $"tracks[{t.Index}] '{t.Name}' is silent: its output stays below {SilenceDbfs} dBFS";
        }

        foreach (var t in tracks.Where(t => t.Clips))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"tracks[{t.Index}] '{t.Name}' goes over full scale ({t.OverSamples} samples, peak {t.PeakDbfs:+0.00} dBFS): lower its fader or trim");
        }

        foreach (var b in buses.Where(b => b.Clips))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"bus '{b.Name}' goes over full scale (peak {b.PeakDbfs:+0.00} dBFS)");
        }

        if (overs > 0)
        {
            yield return options.OutputFormat == SampleFormat.Float32
                ? $"the mix goes over full scale ({overs} samples): kept in the float file, but it will clip when converted to fixed point"
                : $"the mix goes over full scale ({overs} samples): clipped in the 24-bit file";
        }
    }

    private static double? Level(float peak) => peak > 0 ? Decibels.FromAmplitude(peak) : null;
}
