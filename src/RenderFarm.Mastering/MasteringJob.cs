using System.Diagnostics;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Filters;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Spectral;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Deliverables;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Overview;
using RenderFarm.Mastering.Preview;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering;

/// <summary>
/// Masters one mix to a profile, streaming throughout: the input is measured and checked while the chain
/// before the limiter (input gain, EQ, multiband, width) writes a float intermediate and a cell-level map
/// of its peaks and loudness; a model of the true-peak limiter on that map finds the loudness gain; one
/// pass through the real limiter then feeds every deliverable at once, measuring the result (repeated,
/// with the model corrected by what it missed, only if it lands more than 0.05 LU off) and checking each
/// deliverable's samples as they are written; lossy deliverables are decoded again and checked, and every
/// file is hashed. Temporary files live in a work folder in the output folder and are removed.
/// </summary>
public sealed class MasteringJob(MasteringProfile profile, TimeProvider? timeProvider = null)
{
    /// <summary>How close the measured loudness must come to the loudness aimed for.</summary>
    public const double LoudnessTolerance = 0.05;


    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public MasteringProfile Profile { get; } = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>Masters <paramref name="inputPath"/> and makes every deliverable of the profile in <paramref name="outputDirectory"/> in one pass.</summary>
    public MasteringReport Run(string inputPath, string outputDirectory, MasteringJobOptions? options = null, CancellationToken cancellationToken = default) =>
        Render(inputPath, outputDirectory, masterDirectory: null, options ?? new MasteringJobOptions(), cancellationToken);

    /// <summary>
    /// Masters <paramref name="inputPath"/> to a float master in <paramref name="masterDirectory"/> (see
    /// <see cref="MasterFiles"/>) and makes no deliverable: <see cref="Deliver"/> makes each from that master,
    /// byte for byte as <see cref="Run"/> would. The report has the master's loudness and the input's QC.
    /// </summary>
    public MasteringReport Master(string inputPath, string masterDirectory, MasteringJobOptions? options = null, CancellationToken cancellationToken = default) =>
        Render(inputPath, masterDirectory, masterDirectory, options ?? new MasteringJobOptions(), cancellationToken);

    /// <summary>
    /// Makes deliverable <paramref name="index"/> of the profile from the float master <see cref="Master"/> left in
    /// <paramref name="masterDirectory"/>, into <paramref name="outputDirectory"/>, and checks it against the master.
    /// The file name, origination time and metadata are the master's.
    /// </summary>
    public DeliverableReport Deliver(string masterDirectory, int index, string outputDirectory, CancellationToken cancellationToken = default)
    {
        if (index < 0 || index >= Profile.Deliverables.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the profile has {Profile.Deliverables.Count} deliverables");
        }

        var master = MasterFiles.Read(masterDirectory);
        Directory.CreateDirectory(outputDirectory);
        using var reader = AudioFile.OpenRead(master.AudioPath);
        var spec = new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, master.BlockFrames);
        using var sinks = OpenSinks(spec, reader.Info.Frames ?? throw new AudioFileException(master.AudioPath, "length", "the master does not say its length"), outputDirectory, master.FileStem, master.Metadata, master.Origination, [index]);
        var buffer = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var sink in sinks.Items)
            {
                sink.Write(buffer.AsBlock(n));
            }
        }

        var file = sinks.Items[0].Complete();
        return CheckDeliverables([file], master.Measurement, cancellationToken)[0];
    }

    private MasteringReport Render(string inputPath, string outputDirectory, string? masterDirectory, MasteringJobOptions options, CancellationToken cancellationToken)
    {
        using var prepared = Prepare(inputPath, outputDirectory, options, cancellationToken);
        return prepared.Finish(outputDirectory, masterDirectory, options.AimLufs, cancellationToken).Report;
    }

    /// <summary>
    /// The first half of a job: measures and checks <paramref name="inputPath"/> and runs the chain before the
    /// limiter into a float intermediate in a work folder under <paramref name="workParent"/>, with the limiter's
    /// model of it. <see cref="PreparedMix.Finish"/> then limits it to a loudness, as often as asked (an album
    /// aims each song again once it knows the album's loudness); disposing removes the work folder.
    /// </summary>
    internal PreparedMix Prepare(string inputPath, string workParent, MasteringJobOptions options, CancellationToken cancellationToken, ReferenceContext? match = null)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(workParent);
        var work = Path.Combine(workParent, $".renderfarm-work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var metadata = (options.Metadata ?? new TrackMetadata()).MergedWith(Profile.Metadata).Validated("metadata");
            var intermediate = Path.Combine(work, "pre-limiter.wav");
            // An album's songs share one correction (match); a title alone is matched on its own.
            var reference = match ?? (options.Reference is { } r ? MatchReference(inputPath, r.Validated(), options.BlockFrames, cancellationToken) : null);
            var input = MeasureAndPrepare(inputPath, intermediate, options.BlockFrames, reference?.Filters, cancellationToken);
            return new PreparedMix(this, inputPath, work, intermediate, input, metadata, options, Lap(clock)) { Reference = reference };
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    internal (MasteringReport Report, LoudnessMeter Output, double[]? MatchSpectrum) Finish(PreparedMix prepared, string outputDirectory, string? masterDirectory, double? aimLufs, CancellationToken cancellationToken)
    {
        var (inputPath, input, intermediate, metadata, options) = (prepared.InputPath, prepared.Input, prepared.Intermediate, prepared.Metadata, prepared.Options);
        var timings = new Dictionary<string, double> { ["analyse_and_chain"] = prepared.PrepareSeconds };
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var target = aimLufs ?? Profile.Target.IntegratedLufs;
        if (aimLufs is null && prepared.Reference is { Track.AmountPercent: > 0 } match && double.IsFinite(match.Lufs) && double.IsFinite(input.PreLimiter.IntegratedLufs))
        {
            // Towards the reference's loudness by the amount (from the target, or from the mix's own level without one).
            var from = target ?? input.PreLimiter.IntegratedLufs;
            target = from + (match.Track.AmountPercent / 100 * (match.Lufs - from));
        }

        var solver = new LoudnessSearch(Profile);
        var search = solver.FindGain(input, target);
        timings["gain_solve"] = Lap(clock);

        var stem = options.FileStem ?? FileStems.Safe(inputPath);
        var origination = options.Origination ?? _time.GetUtcNow();
        var plan = new FinalPassPlan(input, intermediate, outputDirectory, masterDirectory, stem, metadata, origination, options.BlockFrames, prepared.Reference is not null);
        var final = FinalPass(plan, search.GainDb, cancellationToken);
        var modelError = search.Previous is not null && search.AimedLufs is not null ? solver.Predict(input, search.GainDb) - final.Output.IntegratedLufs : 0.0;
        while (search.Previous is not null && search.AimedLufs is { } aimed
            && Math.Abs(final.Output.IntegratedLufs - aimed) > LoudnessTolerance && search.Passes < LoudnessSearch.MaxLimiterPasses)
        {
            // The model missed: shift it by what it got wrong where it was tried, and deliver again.
            var offset = final.Output.IntegratedLufs - solver.Predict(input, search.GainDb);
            var next = solver.SolveModel(input.Model, aimed, search.GainDb, offset);
            search = search with { GainDb = next, Passes = search.Passes + 1 };
            final = FinalPass(plan, search.GainDb, cancellationToken);
        }

        if (Profile.Floor.MinLraLu is { } minLra && search.AimedLufs is { } pushed && final.Output.LoudnessRangeLu < minLra - LoudnessSearch.LraTolerance)
        {
            (search, final) = solver.KeepRangeFloor(input, search, final, pushed, minLra, gain => FinalPass(plan, gain, cancellationToken));
        }

        if (search.AimedLufs is { } goal && Math.Abs(final.Output.IntegratedLufs - goal) > LoudnessTolerance && search.Note is null)
        {
            search = search with
            {
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"the limiter could not bring the master to {goal:0.0} LUFS under the {Profile.CeilingDbtp:0.0} dBTP ceiling; it landed {final.Output.IntegratedLufs - goal:+0.00;-0.00} LU off"),
            };
        }

        timings["final_pass"] = Lap(clock);

        var measurement = new MasterMeasurement(final.Output, final.Stereo, final.Windows);
        var deliverables = CheckDeliverables(final.Files, measurement, cancellationToken);
        timings["deliverables_check"] = Lap(clock);
        if (masterDirectory is not null)
        {
            MasterFiles.WriteDescription(masterDirectory, new MasterDescription(stem, origination, metadata, options.BlockFrames, measurement));
        }

        var qc = input.Findings.Select(f => new StagedFinding("input", f))
            .Concat(deliverables.SelectMany(d => d.Qc.Select(f => new StagedFinding(d.Label, f))))
            .ToArray();
        var targetMet = search.Note is null && (target is not { } t || Math.Abs(final.Output.IntegratedLufs - t) <= 0.1)
            && final.Output.TruePeakDbtp <= Profile.CeilingDbtp + 1e-9;
        var report = new MasteringReport
        {
            InputPath = inputPath,
            SampleRate = input.Spec.SampleRate,
            Channels = input.Spec.Channels,
            Input = input.Loudness,
            InputStereo = input.Stereo,
            InputSeries = input.Series,
            InputOverview = input.Overview,
            Output = final.Output,
            OutputStereo = final.Stereo,
            OutputSeries = final.Series,
            OutputOverview = final.Overview,
            Target = Profile.Target,
            Chain = Profile.Chain,
            CeilingDbtp = Profile.CeilingDbtp,
            AimedLufs = search.AimedLufs,
            GainDb = Math.Round(search.GainDb, 3),
            TargetMet = targetMet,
            TargetNote = search.Note ?? (targetMet ? null : Miss(final.Output, target)),
            LimiterMaxGainReductionDb = Math.Round(final.LimiterReductionDb, 2),
            LimitedSeconds = Math.Round(final.LimitedSeconds, 2),
            MultibandMaxGainReductionDb = input.MultibandReductionDb,
            LimiterPasses = search.Passes + 1,
            LimiterModelErrorLu = Math.Round(modelError, 4),
            Qc = qc,
            Deliverables = deliverables,
            Preview = PlatformPreview.For(final.Output),
            Metadata = metadata,
            TimingsSeconds = timings,
            Reference = prepared.Reference is { } m ? new ReferenceMatchReport
            {
                Path = m.Track.Path,
                AmountPercent = m.Track.AmountPercent,
                ReferenceLufs = Math.Round(m.Lufs, 2),
                CurveHz = m.Centres.Select(c => Math.Round(c, 1)).ToArray(),
                CurveDb = m.Curve.Select(c => Math.Round(c, 2)).ToArray(),
                Filters = m.Filters,
                DistanceBeforeDb = Math.Round(m.DistanceBefore, 3),
                DistanceAfterDb = Math.Round(final.MatchSpectrum is { } after ? ReferenceMatch.Distance(m.Centres, after, m.Spectrum) : double.NaN, 3),
            } : null,
        };
        return (report, final.Meter, final.MatchSpectrum);
    }

    // The mix's and the reference's long-term spectra, the correction between them and the reference's loudness.
    private static ReferenceContext MatchReference(string inputPath, ReferenceTrack reference, int blockFrames, CancellationToken cancellationToken)
    {
        var (mix, centres, _) = Spectrum(inputPath, blockFrames, cancellationToken);
        var (wanted, _, lufs) = Spectrum(reference.Path, blockFrames, cancellationToken);
        var amount = reference.AmountPercent / 100;
        var curve = ReferenceMatch.Curve(centres, mix, wanted, amount);
        using var probe = AudioFile.OpenRead(inputPath);
        var filters = amount > 0 ? ReferenceMatch.Fit(centres, curve, probe.Info.SampleRate) : [];
        return new ReferenceContext(reference, lufs, centres, curve, filters, wanted, ReferenceMatch.Distance(centres, mix, wanted));
    }

    internal static (double[] Levels, IReadOnlyList<double> Centres, double Lufs) Spectrum(string path, int blockFrames, CancellationToken cancellationToken)
    {
        using var reader = AudioFile.OpenRead(path);
        var spec = new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, blockFrames);
        var spectrum = new LongTermSpectrum(stride: 1);
        spectrum.Prepare(spec);
        var loudness = new LoudnessMeter(new LoudnessMeterOptions { Layout = reader.Info.Layout, KeepSeries = false, TruePeak = false, BoundedMemory = true });
        loudness.Prepare(spec);
        var buffer = new AudioBuffer(spec.Channels, blockFrames);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                loudness.Add(buffer.AsBlock(n));
            }
            catch (NonFiniteSampleException e)
            {
                throw new AudioFileException(path, "sample data", string.Create(CultureInfo.InvariantCulture, $"{e.Message} ({(double)e.Frame / spec.SampleRate:0.000} s): the file holds NaN or infinite samples"), e);
            }

            spectrum.Add(buffer.AsBlock(n));
        }

        return (spectrum.LevelsDb() ?? throw new AudioFileException(path, "sample data", "too short for a long-term spectrum (under 0.2 s)"), spectrum.CentresHz, loudness.GetReport().IntegratedLufs);
    }

    private InputPass MeasureAndPrepare(string inputPath, string intermediate, int blockFrames, IReadOnlyList<EqBand>? matching, CancellationToken cancellationToken)
    {
        using var reader = AudioFile.OpenRead(inputPath);
        var info = reader.Info;
        var spec = new AudioSpec(info.SampleRate, info.Channels, blockFrames);
        Profile.Validate(spec.SampleRate, spec.Channels);
        var loudness = new LoudnessMeter(new LoudnessMeterOptions { Layout = info.Layout, MonoFoldDown = spec.Channels == 2 });
        loudness.Prepare(spec);
        var stereo = spec.Channels == 2 ? new StereoMeter() : null;
        stereo?.Prepare(spec);
        var qc = new QcScanner(Profile.Qc, ceilingDbtp: null);
        qc.Prepare(spec);
        var overview = new OverviewMeter();
        overview.Prepare(spec);
        var chain = new PreLimiterChain(Profile.Chain, matching);
        chain.Prepare(spec);
        using var failure = new DisposeOnFailure();
        var model = failure.Keep(new LimiterModel(Path.GetDirectoryName(intermediate)!, spec));
        var pre = new LoudnessMeter(new LoudnessMeterOptions
        {
            Layout = info.Layout,
            KeepSeries = false,
            TruePeak = false,
            EnergyCells = model.AddEnergies,
            EnergyCellFrames = LimiterModel.CellFrames,
        });
        pre.Prepare(spec);
        var buffer = new AudioBuffer(spec.Channels, blockFrames);
        using (var writer = WavWriter.Create(intermediate, new WavWriterOptions { SampleRate = spec.SampleRate, Channels = spec.Channels, Format = SampleFormat.Float32, Durable = false }))
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
                overview.Add(block);
                chain.Process(block);
                pre.Add(block);
                model.Add(block);
                writer.Write(block);
            }

            writer.Complete();
        }

        model.Complete();

        var report = loudness.GetReport();
        if (report.Frames == 0)
        {
            throw new AudioFileException(inputPath, "sample data", "the mix holds no audio");
        }

        var stereoReport = stereo?.GetReport(report);
        var findings = qc.Findings(report, stereoReport, null, 0, stereo?.Windows);
        failure.Succeeded();
        return new InputPass(spec, report, stereoReport, loudness.Series(), overview.GetOverview(), findings, pre.GetReport() with { TruePeakDbtp = Decibels.FromAmplitude(model.TruePeak) },
            chain.Multiband?.MaxGainReductionDb.Select(v => Math.Round(v, 2)).ToArray() ?? [], model, loudness);
    }

    // One pass through the limiter feeds every deliverable at once, or (for Master) the float master only.
    private FinalPassResult FinalPass(FinalPassPlan plan, double gainDb, CancellationToken cancellationToken)
    {
        var (input, intermediate, outputDirectory, masterDirectory, stem, metadata, origination, blockFrames, matchSpectrum) = plan;
        var spec = input.Spec;
        var loudness = new LoudnessMeter(new LoudnessMeterOptions { Layout = ChannelLayout.Default(spec.Channels), MonoFoldDown = spec.Channels == 2 });
        loudness.Prepare(spec);
        var stereo = spec.Channels == 2 ? new StereoMeter() : null;
        stereo?.Prepare(spec);
        var overview = new OverviewMeter();
        overview.Prepare(spec);
        var spectrum = matchSpectrum ? new LongTermSpectrum(stride: 1) : null;
        spectrum?.Prepare(spec);
        using var sinks = masterDirectory is null
            ? OpenSinks(spec, input.Loudness.Frames, outputDirectory, stem, metadata, origination, Enumerable.Range(0, Profile.Deliverables.Count))
            : new SinkSet([]);
        using var master = masterDirectory is null ? null : WavWriter.Create(MasterFiles.AudioPathIn(masterDirectory), new WavWriterOptions
        {
            SampleRate = spec.SampleRate,
            Channels = spec.Channels,
            Format = SampleFormat.Float32,
            ExpectedFrames = input.Loudness.Frames,
        });
        var limiter = LimiterPass.Run(intermediate, gainDb, Profile.Chain.Limiter with { CeilingDbtp = Profile.CeilingDbtp }, blockFrames, block =>
        {
            loudness.Add(block);
            stereo?.Add(block);
            overview.Add(block);
            spectrum?.Add(block);
            master?.Write(block);
            foreach (var sink in sinks.Items)
            {
                sink.Write(block);
            }
        }, cancellationToken);

        var output = loudness.GetReport();
        master?.Complete();
        var files = sinks.Items.Select(sink => sink.Complete()).ToList();
        return new FinalPassResult(output, stereo?.GetReport(output), stereo?.Windows, loudness.Series(), overview.GetOverview(), files, limiter.MaxGainReductionDb, (double)limiter.LimitedFrames / spec.SampleRate, loudness, spectrum?.LevelsDb());
    }

    // The writers of the chosen deliverables of the profile, fed the master at its rate.
    private SinkSet OpenSinks(AudioSpec spec, long frames, string outputDirectory, string stem, TrackMetadata metadata, DateTimeOffset origination, IEnumerable<int> indices)
    {
        var bext = new BextChunk
        {
            Description = Truncate(AsciiText.Fold(string.Join(" - ", new[] { metadata.Artist, metadata.Title }.Where(s => !string.IsNullOrEmpty(s)))), 256),
            Originator = "RenderFarm",
            OriginatorReference = Truncate(metadata.Isrc ?? string.Empty, 32),
            OriginationDate = origination.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            OriginationTime = origination.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            CodingHistory = string.Create(CultureInfo.InvariantCulture, $"A=PCM,F={spec.SampleRate},W=32,M={(spec.Channels == 2 ? "stereo" : "mono")},T=mix\r\n"),
        };
        var sinks = new SinkSet([]);
        try
        {
            foreach (var index in indices)
            {
                var spec1 = Profile.Deliverables[index];
                var path = Path.Combine(outputDirectory, DeliverableName(stem, index, spec.SampleRate));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                sinks.Items.Add(spec1.Format is DeliverableFormat.Wav or DeliverableFormat.Cd
                    ? new WavDeliverable(spec1, path, spec.SampleRate, spec.Channels, frames, spec.MaxBlockFrames, Profile, bext, metadata)
                    : new EncodedDeliverable(spec1, path, spec.SampleRate, spec.Channels, spec.MaxBlockFrames, Profile, metadata));
            }

            return sinks;
        }
        catch
        {
            sinks.Dispose();
            throw;
        }
    }

    /// <summary>The file name <see cref="Deliver"/> gives deliverable <paramref name="index"/> of the master in <paramref name="masterDirectory"/>.</summary>
    public string DeliverableName(string masterDirectory, int index)
    {
        var master = MasterFiles.Read(masterDirectory);
        using var reader = AudioFile.OpenRead(master.AudioPath);
        return DeliverableName(master.FileStem, index, reader.Info.SampleRate);
    }

    /// <summary>
    /// The file name of deliverable <paramref name="index"/> of the profile, for a master named <paramref name="stem"/> at
    /// <paramref name="masterRate"/>; a stem may hold folders ('/') and <c>{format}</c>, filled with the deliverable's format.
    /// </summary>
    public string DeliverableName(string stem, int index, int masterRate)
    {
        var spec = Profile.Deliverables[index];
        var twin = Profile.Deliverables.Count(d => d.Label == spec.Label) > 1 ? $"-{spec.SampleRateFor(masterRate)}" : string.Empty;

        // A back catalogue's name may put each format in a folder of its own (see Catalogues.NamingTemplate).
        var named = stem.Replace(Catalogues.NamingTemplate.FormatField, spec.Format.ToString().ToLowerInvariant(), StringComparison.Ordinal);
        return $"{named}{spec.FileSuffix}{twin}{spec.Extension}";
    }

    // Lossless deliverables were checked as they were written; lossy ones are decoded and checked now.
    private DeliverableReport[] CheckDeliverables(IReadOnlyList<DeliverableFile> files, MasterMeasurement master, CancellationToken cancellationToken)
    {
        var reports = new DeliverableReport[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var file = files[i];
            var check = file.Check ?? ReadBack(file);
            var (loudness, findings) = check.Result(master);
            reports[i] = new DeliverableReport(file.Spec.Label, file.Spec.Format.ToString().ToLowerInvariant(), file.Path, file.SampleRate, file.BitDepth, file.BitrateKbps,
                new FileInfo(file.Path).Length, file.Sha256 ?? FileHash.Sha256(file.Path), loudness, findings);
        });
        return reports;
    }

    private DeliverableCheck ReadBack(DeliverableFile file)
    {
        using var reader = AudioFile.OpenRead(file.Path);
        var spec = new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, 16_384);
        var check = new DeliverableCheck(spec, Profile, file.Spec.IsLossy);
        var buffer = new AudioBuffer(spec.Channels, 16_384);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            check.Add(buffer.AsBlock(n));
        }

        return check;
    }

    private string Miss(LoudnessReport output, double? target)
    {
        var parts = new List<string>();
        if (target is { } t && Math.Abs(output.IntegratedLufs - t) > 0.1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"integrated {output.IntegratedLufs:0.00} LUFS misses {t:0.0}"));
        }

        if (output.TruePeakDbtp > Profile.CeilingDbtp)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"true peak {output.TruePeakDbtp:0.00} dBTP is over the {Profile.CeilingDbtp:0.0} dBTP ceiling"));
        }

        return string.Join("; ", parts);
    }

    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..length];

    private static double Lap(Stopwatch clock)
    {
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        clock.Restart();
        return seconds;
    }
}
