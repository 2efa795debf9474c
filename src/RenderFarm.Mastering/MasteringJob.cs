using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Deliverables;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Preview;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering;

/// <summary>
/// Masters one mix to a profile, streaming throughout: the input is measured and checked while the chain
/// before the limiter (input gain, EQ, multiband, width) writes a float intermediate; the loudness gain is
/// found by passes through the true-peak limiter (secant on the measured integrated loudness, within
/// 0.02 LU); a last pass feeds every deliverable at once; each deliverable is then read back, measured,
/// checked and hashed. Temporary files live in a work folder in the output folder and are removed.
/// </summary>
public sealed class MasteringJob(MasteringProfile profile, TimeProvider? timeProvider = null)
{
    /// <summary>How close the measured loudness must come to the loudness aimed for.</summary>
    public const double LoudnessTolerance = 0.02;

    private const int MaxSearchPasses = 8;
    private const double MaxGainDb = 40.0;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public MasteringProfile Profile { get; } = profile ?? throw new ArgumentNullException(nameof(profile));

    public MasteringReport Run(string inputPath, string outputDirectory, MasteringJobOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MasteringJobOptions();
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var work = Path.Combine(outputDirectory, $".renderfarm-work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var metadata = (options.Metadata ?? new TrackMetadata()).MergedWith(Profile.Metadata).Validated("metadata");
            var intermediate = Path.Combine(work, "pre-limiter.wav");
            var input = MeasureAndPrepare(inputPath, intermediate, options.BlockFrames, cancellationToken);
            timings["analyse_and_chain"] = Lap(clock);

            var search = FindGain(input, intermediate, options.BlockFrames, cancellationToken);
            timings["loudness_search"] = Lap(clock);

            var stem = options.FileStem ?? SafeStem(inputPath);
            var origination = options.Origination ?? _time.GetUtcNow();
            var final = FinalPass(input, search, intermediate, outputDirectory, stem, metadata, origination, options.BlockFrames, cancellationToken);
            timings["final_pass"] = Lap(clock);

            var deliverables = options.CheckDeliverables
                ? CheckDeliverables(final.Files, cancellationToken)
                : final.Files.Select(f => new DeliverableReport(f.Spec.Label, f.Spec.Format.ToString().ToLowerInvariant(), f.Path, f.SampleRate, f.BitDepth, f.BitrateKbps, new FileInfo(f.Path).Length, Sha256(f.Path), final.Output, [])).ToArray();
            timings["deliverables_check"] = Lap(clock);

            var qc = input.Findings.Select(f => new StagedFinding("input", f))
                .Concat(final.Findings.Select(f => new StagedFinding("output", f)))
                .Concat(deliverables.SelectMany(d => d.Qc.Select(f => new StagedFinding(d.Label, f))))
                .ToArray();
            var targetMet = search.Note is null && (Profile.Target.IntegratedLufs is not { } t || Math.Abs(final.Output.IntegratedLufs - t) <= 0.1)
                && final.Output.TruePeakDbtp <= Profile.CeilingDbtp + 1e-9;
            return new MasteringReport
            {
                InputPath = inputPath,
                SampleRate = input.Spec.SampleRate,
                Channels = input.Spec.Channels,
                Input = input.Loudness,
                InputStereo = input.Stereo,
                InputSeries = input.Series,
                Output = final.Output,
                OutputStereo = final.Stereo,
                OutputSeries = final.Series,
                Target = Profile.Target,
                CeilingDbtp = Profile.CeilingDbtp,
                AimedLufs = search.AimedLufs,
                GainDb = Math.Round(search.GainDb, 3),
                TargetMet = targetMet,
                TargetNote = search.Note ?? (targetMet ? null : Miss(final.Output)),
                LimiterMaxGainReductionDb = Math.Round(final.LimiterReductionDb, 2),
                LimitedSeconds = Math.Round(final.LimitedSeconds, 2),
                MultibandMaxGainReductionDb = input.MultibandReductionDb,
                SearchPasses = search.Passes,
                Qc = qc,
                Deliverables = deliverables,
                Preview = PlatformPreview.For(final.Output),
                Metadata = metadata,
                TimingsSeconds = timings,
            };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private InputPass MeasureAndPrepare(string inputPath, string intermediate, int blockFrames, CancellationToken cancellationToken)
    {
        using var reader = AudioFile.OpenRead(inputPath);
        var info = reader.Info;
        var spec = new AudioSpec(info.SampleRate, info.Channels, blockFrames);
        Profile.Validate(spec.SampleRate, spec.Channels);
        var loudness = new LoudnessMeter(new LoudnessMeterOptions { Layout = info.Layout });
        loudness.Prepare(spec);
        var stereo = spec.Channels == 2 ? new StereoMeter() : null;
        stereo?.Prepare(spec);
        var qc = new QcScanner(Profile.Qc, ceilingDbtp: null);
        qc.Prepare(spec);
        var chain = new PreLimiterChain(Profile.Chain);
        chain.Prepare(spec);
        var pre = new LoudnessMeter(new LoudnessMeterOptions { Layout = info.Layout, KeepSeries = false });
        pre.Prepare(spec);
        var buffer = new AudioBuffer(spec.Channels, blockFrames);
        using (var writer = WavWriter.Create(intermediate, new WavWriterOptions { SampleRate = spec.SampleRate, Channels = spec.Channels, Format = SampleFormat.Float32 }))
        {
            int n;
            while ((n = reader.Read(buffer.AsBlock())) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var block = buffer.AsBlock(n);
                try
                {
                    loudness.Add(block);
                }
                catch (NonFiniteSampleException e)
                {
                    throw new AudioFileException(inputPath, "sample data",
                        string.Create(CultureInfo.InvariantCulture, $"{e.Message} ({(double)e.Frame / spec.SampleRate:0.000} s): the mix holds NaN or infinite samples; nothing was mastered"), e);
                }

                stereo?.Add(block);
                qc.Add(block);
                chain.Process(block);
                pre.Add(block);
                writer.Write(block);
            }

            writer.Complete();
        }

        var report = loudness.GetReport();
        if (report.Frames == 0)
        {
            throw new AudioFileException(inputPath, "sample data", "the mix holds no audio");
        }

        var stereoReport = stereo?.GetReport();
        var findings = qc.Findings(report, stereoReport, null, 0, stereo?.Windows);
        return new InputPass(spec, report, stereoReport, loudness.Series(), findings, pre.GetReport(),
            chain.Multiband?.MaxGainReductionDb.Select(v => Math.Round(v, 2)).ToArray() ?? []);
    }

    private Search FindGain(InputPass input, string intermediate, int blockFrames, CancellationToken cancellationToken)
    {
        var pre = input.PreLimiter;
        var ceiling = Profile.CeilingDbtp - Profile.Chain.Limiter.SafetyMarginDb;
        if (!double.IsFinite(pre.IntegratedLufs))
        {
            return new Search(0, null, 0, "the mix is silent (below the -70 LUFS gate): nothing to normalise");
        }

        if (Profile.Target.IntegratedLufs is not { } target)
        {
            // No loudness target (a CD master): keep the level, the limiter only holds the ceiling.
            return new Search(0, null, 0, null);
        }

        var unlimited = target - pre.IntegratedLufs;
        string? note = null;
        var aimed = target;
        if (Math.Abs(unlimited) > MaxGainDb)
        {
            return new Search(0, null, 0, string.Create(CultureInfo.InvariantCulture,
                $"the mix is {pre.IntegratedLufs:0.0} LUFS, {Math.Abs(unlimited):0} dB from the {target:0.0} LUFS target: more than the {MaxGainDb:0} dB the job will apply; check the input"));
        }

        if (pre.TruePeakDbtp + unlimited <= ceiling)
        {
            return new Search(unlimited, aimed, 0, null);
        }

        // Limiting is needed. The dynamics floor may cap how loud the master can be pushed.
        if (Profile.Floor.MinPlrDb is { } minPlr && target > Profile.CeilingDbtp - minPlr)
        {
            aimed = Math.Max(Profile.CeilingDbtp - minPlr, pre.IntegratedLufs + (ceiling - pre.TruePeakDbtp));
            note = string.Create(CultureInfo.InvariantCulture,
                $"the dynamics floor decided the level: reaching {target:0.0} LUFS would leave a peak-to-loudness ratio under {minPlr:0.0} dB, so the master aims for {aimed:0.00} LUFS");
        }

        var passes = 0;
        double Measure(double gain)
        {
            passes++;
            var meter = new LoudnessMeter(new LoudnessMeterOptions { TruePeak = false, KeepSeries = false, Layout = ChannelLayout.Default(input.Spec.Channels) });
            meter.Prepare(input.Spec);
            LimiterPass.Run(intermediate, gain, Profile.Chain.Limiter with { CeilingDbtp = Profile.CeilingDbtp }, blockFrames, meter.Add, cancellationToken);
            return meter.GetReport().IntegratedLufs - aimed;
        }

        var a = aimed - pre.IntegratedLufs;
        var errorA = Measure(a);
        if (Math.Abs(errorA) <= LoudnessTolerance)
        {
            return new Search(a, aimed, passes, note);
        }

        var b = a - errorA;
        var errorB = Measure(b);
        while (Math.Abs(errorB) > LoudnessTolerance && passes < MaxSearchPasses)
        {
            // The limiter gives away part of every extra dB; the secant learns how much.
            var slope = Math.Max(0.05, (errorB - errorA) / (b - a));
            var c = Math.Clamp(b - (errorB / slope), a - 12, a + 24);
            (a, errorA) = (b, errorB);
            b = c;
            errorB = Measure(b);
        }

        if (Math.Abs(errorB) > LoudnessTolerance)
        {
            note ??= string.Create(CultureInfo.InvariantCulture,
                $"the limiter could not bring the master to {aimed:0.0} LUFS under the {Profile.CeilingDbtp:0.0} dBTP ceiling within {MaxGainDb:0} dB of gain; it landed {errorB:+0.00;-0.00} LU off");
        }

        return new Search(b, aimed, passes, note);
    }

    private FinalPassResult FinalPass(InputPass input, Search search, string intermediate, string outputDirectory, string stem, TrackMetadata metadata, DateTimeOffset origination, int blockFrames, CancellationToken cancellationToken)
    {
        var spec = input.Spec;
        var loudness = new LoudnessMeter(new LoudnessMeterOptions { Layout = ChannelLayout.Default(spec.Channels) });
        loudness.Prepare(spec);
        var stereo = spec.Channels == 2 ? new StereoMeter() : null;
        stereo?.Prepare(spec);
        var qc = new QcScanner(Profile.Qc, Profile.CeilingDbtp);
        qc.Prepare(spec);
        var bext = new BextChunk
        {
            Description = Truncate(string.Join(" - ", new[] { metadata.Artist, metadata.Title }.Where(s => !string.IsNullOrEmpty(s))), 256),
            Originator = "RenderFarm",
            OriginatorReference = Truncate(metadata.Isrc ?? string.Empty, 32),
            OriginationDate = origination.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            OriginationTime = origination.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            CodingHistory = string.Create(CultureInfo.InvariantCulture, $"A=PCM,F={spec.SampleRate},W=32,M={(spec.Channels == 2 ? "stereo" : "mono")},T=mix\r\n"),
        };
        var sinks = new List<IDeliverableSink>();
        try
        {
            foreach (var spec1 in Profile.Deliverables)
            {
                var twin = Profile.Deliverables.Count(d => d.Label == spec1.Label) > 1 ? $"-{spec1.SampleRateFor(spec.SampleRate)}" : string.Empty;
                var path = Path.Combine(outputDirectory, $"{stem}{spec1.FileSuffix}{twin}{spec1.Extension}");

                sinks.Add(spec1.Format is DeliverableFormat.Wav or DeliverableFormat.Cd
                    ? new WavDeliverable(spec1, path, spec.SampleRate, spec.Channels, blockFrames, Profile.NoiseShaping, bext, metadata)
                    : new EncodedDeliverable(spec1, path, spec.SampleRate, spec.Channels, blockFrames, Profile.NoiseShaping, metadata));
            }

            var limiter = LimiterPass.Run(intermediate, search.GainDb, Profile.Chain.Limiter with { CeilingDbtp = Profile.CeilingDbtp }, blockFrames, block =>
            {
                loudness.Add(block);
                stereo?.Add(block);
                qc.Add(block);
                foreach (var sink in sinks)
                {
                    sink.Write(block);
                }
            }, cancellationToken);

            var output = loudness.GetReport();
            var files = new List<DeliverableFile>();
            foreach (var sink in sinks)
            {
                files.Add(sink.Complete());
            }

            var stereoReport = stereo?.GetReport();
            var findings = qc.Findings(output, stereoReport, search.AimedLufs, Profile.Target.ToleranceLu, stereo?.Windows);
            return new FinalPassResult(output, stereoReport, loudness.Series(), findings, files, limiter.MaxGainReductionDb, (double)limiter.LimitedFrames / spec.SampleRate);
        }
        finally
        {
            foreach (var sink in sinks)
            {
                sink.Dispose();
            }
        }
    }

    private DeliverableReport[] CheckDeliverables(IReadOnlyList<DeliverableFile> files, CancellationToken cancellationToken)
    {
        var reports = new DeliverableReport[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var file = files[i];
            using var reader = AudioFile.OpenRead(file.Path);
            var spec = new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, 16_384);
            var meter = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false, Layout = reader.Info.Layout });
            meter.Prepare(spec);
            // A lossy codec's overshoot above the master's ceiling is expected; what a service rejects is
            // a decoded file that goes over full scale.
            var qc = new QcScanner(Profile.Qc, file.Spec.IsLossy ? 0.0 : Profile.CeilingDbtp);
            qc.Prepare(spec);
            var stereo = spec.Channels == 2 ? new StereoMeter() : null;
            stereo?.Prepare(spec);
            var buffer = new AudioBuffer(spec.Channels, 16_384);
            int n;
            while ((n = reader.Read(buffer.AsBlock())) > 0)
            {
                meter.Add(buffer.AsBlock(n));
                qc.Add(buffer.AsBlock(n));
                stereo?.Add(buffer.AsBlock(n));
            }

            var loudness = meter.GetReport();
            var findings = qc.Findings(loudness, stereo?.GetReport(), Profile.Target.IntegratedLufs, Profile.Target.ToleranceLu, stereo?.Windows);
            reports[i] = new DeliverableReport(file.Spec.Label, file.Spec.Format.ToString().ToLowerInvariant(), file.Path, file.SampleRate, file.BitDepth, file.BitrateKbps,
                new FileInfo(file.Path).Length, Sha256(file.Path), loudness, findings);
        });
        return reports;
    }

    private string Miss(LoudnessReport output)
    {
        var parts = new List<string>();
        if (Profile.Target.IntegratedLufs is { } t && Math.Abs(output.IntegratedLufs - t) > 0.1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"integrated {output.IntegratedLufs:0.00} LUFS misses {t:0.0}"));
        }

        if (output.TruePeakDbtp > Profile.CeilingDbtp)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"true peak {output.TruePeakDbtp:0.00} dBTP is over the {Profile.CeilingDbtp:0.0} dBTP ceiling"));
        }

        return string.Join("; ", parts);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string SafeStem(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var safe = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "master" : safe;
    }

    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..length];

    private static double Lap(Stopwatch clock)
    {
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        clock.Restart();
        return seconds;
    }

    private sealed record InputPass(AudioSpec Spec, LoudnessReport Loudness, StereoReport? Stereo, IReadOnlyList<LoudnessPoint> Series, IReadOnlyList<QcFinding> Findings, LoudnessReport PreLimiter, IReadOnlyList<double> MultibandReductionDb);

    private sealed record Search(double GainDb, double? AimedLufs, int Passes, string? Note);

    private sealed record FinalPassResult(LoudnessReport Output, StereoReport? Stereo, IReadOnlyList<LoudnessPoint> Series, IReadOnlyList<QcFinding> Findings, IReadOnlyList<DeliverableFile> Files, double LimiterReductionDb, double LimitedSeconds);
}
