using System.Diagnostics;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dsp;
using RenderFarm.Restoration.Azimuth;
using RenderFarm.Restoration.Dc;
using RenderFarm.Restoration.Declick;
using RenderFarm.Restoration.Declip;
using RenderFarm.Restoration.Dehum;
using RenderFarm.Restoration.Denoise;

namespace RenderFarm.Restoration;

/// <summary>
/// Restores one recording to a WAV file: a first pass measures it (<see cref="RestoreAnalysis"/>), the repairs
/// asked for (or, in auto, those the analysis finds needed) run in a second, in the order polarity, de-clip,
/// DC, de-hum, de-click, de-noise, azimuth, their latencies taken out so the output lines up with the input
/// frame for frame. Streams in blocks; memory does not grow with the file. The output is written beside its final name and renamed into place
/// when complete. 32-bit float input stays float, and a de-clipped output is float (its rebuilt peaks pass
/// full scale); anything else is written as 24-bit PCM.
/// </summary>
public sealed class RestoreJob
{
    public const int BlockFrames = 4096;

    // The share of the progress the first pass stands for.
    private const double Analysed = 0.3;

    private readonly RestoreSettings _settings;

    public RestoreJob(RestoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public RestorationReport Run(string inputPath, string outputPath, CancellationToken cancellationToken = default) =>
        Run(inputPath, outputPath, null, cancellationToken);

    /// <summary>
    /// Restores <paramref name="inputPath"/> into <paramref name="outputPath"/>; <paramref name="progress"/> hears
    /// 0.3 once the analysis is done and on to 1 through the repair.
    /// </summary>
    public RestorationReport Run(string inputPath, string outputPath, IProgress<double>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (string.Equals(Path.GetFullPath(inputPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{outputPath}: the output would overwrite the input", nameof(outputPath));
        }

        var clock = Stopwatch.StartNew();
        RestoreAnalysis analysis;
        AudioStreamInfo info;
        using (var reader = AudioFile.OpenRead(inputPath))
        {
            info = reader.Info;
            analysis = RestoreAnalysis.Measure(reader, BlockFrames, findHum: _settings.Dehum != RepairMode.Off, _settings.Denoise == RepairMode.Off ? null : _settings.DenoiseSettings, measureDelay: _settings.Azimuth != RepairMode.Off, cancellationToken);
        }

        if (analysis.Frames == 0 || analysis.Rms.All(r => r == 0.0))
        {
            throw new AudioFileException(inputPath, "samples", "is silent: there is nothing to restore");
        }

        var analysed = clock.Elapsed.TotalSeconds;
        progress?.Report(Analysed);
        var plan = Plan(analysis, info, inputPath);
        var report = new RestorationReport
        {
            Input = inputPath,
            Output = outputPath,
            SampleRate = info.SampleRate,
            Channels = info.Channels,
            Frames = analysis.Frames,
            DcOffset = analysis.Dc,
            LowBandCorrelation = analysis.LowBandCorrelation,
        };

        var (changed, difference) = Render(inputPath, outputPath, info, analysis.Frames, plan, cancellationToken, progress);
        var minutes = analysis.Frames / (double)info.SampleRate / 60.0;
        if (plan.Declicker is { } declicker)
        {
            // De-click sees the input as the high-pass before it delays it; what it did past the input's end (the
            // edge where the chain is flushed with silence) is not part of the output.
            var delay = plan.BeforeDeclick;
            var repairs = declicker.Repairs.Select(r => r with { Start = r.Start - delay }).ToArray();
            var past = repairs.Where(r => r.Start >= analysis.Frames).ToArray();
            var clicks = declicker.Clicks - past.Length;
            report.Declick = new DeclickOutcome
            {
                Clicks = clicks,
                Samples = declicker.SamplesRepaired - past.Sum(r => (long)r.Length),
                ClicksPerMinute = Math.Round(clicks / minutes, 1),
                Listed = [.. repairs.Where(r => r.Start < analysis.Frames).Select(r => new ClickEntry(Math.Round((double)r.Start / info.SampleRate, 6), r.Length, r.Channel + 1))],
            };
        }

        if (plan.Declipper is { } declipper)
        {
            report.Declip = new DeclipOutcome
            {
                ClipLevels = [.. analysis.Clips.Select(c => new ClipLevels(c.Positive, c.Negative))],
                Runs = declipper.Runs,
                Samples = declipper.SamplesRepaired,
                LeftTooLong = declipper.LeftTooLong,
                RebuiltPeakDbfs = declipper.Peak > 0 ? Math.Round(20 * Math.Log10(declipper.Peak), 2) : null,
            };
        }

        if (_settings.Dehum == RepairMode.On && plan.Dehummer is null)
        {
            // Asked for, and no hum stands out: nothing is taken away, and the report says so.
            report.Dehum = new DehumOutcome { MainsHz = _settings.MainsHz ?? 0.0 };
        }

        if (plan.Dehummer is { } dehummer)
        {
            var hum = dehummer.Hum;
            report.Dehum = new DehumOutcome
            {
                MainsHz = hum.Mains,
                FundamentalMinHz = Math.Round(hum.Fundamental.Min(), 2),
                FundamentalMaxHz = Math.Round(hum.Fundamental.Max(), 2),
                Harmonics = hum.Harmonics,
                ContrastDb = Math.Round(hum.ContrastDb, 1),
            };
        }

        if (plan.Dc is not null)
        {
            report.Dc = new DcOutcome(analysis.Dc, "linear-phase high-pass: input less its triangular-window mean over 1 s");
        }

        if (plan.Polarity is { } flip)
        {
            var before = analysis.LowBandCorrelation ?? 0.0;
            report.Polarity = new PolarityOutcome(flip.Channel + 1, Math.Round(before, 3), Math.Round(-before, 3));
        }

        if (plan.Denoiser is { } denoiser)
        {
            var profile = analysis.Noise!;
            report.Denoise = new DenoiseOutcome
            {
                ProfileSource = profile.Source,
                ProfileFrom = profile.Passages,
                FloorDbfs = profile.FloorDbfs,
                Profile = profile.Bands(),
                ReductionDb = _settings.DenoiseSettings.ReductionDb,
                RemovedDb = denoiser.EnergyOut > 0 ? Math.Round(10 * Math.Log10(denoiser.EnergyIn / denoiser.EnergyOut), 2) : 0.0,
                FftSize = profile.FftSize,
            };
        }

        if (plan.ChannelDelay is var (samples, coherence) && (_settings.Azimuth == RepairMode.On || plan.Azimuth is not null))
        {
            report.Azimuth = new AzimuthOutcome(Math.Round(samples, 3), Math.Round(samples * 1e6 / info.SampleRate, 1), Math.Round(coherence, 3), plan.Azimuth is { } a ? a.Channel + 1 : null);
        }

        report.ChangeSdrDb = changed > 0 && difference > 0 ? Math.Round(10.0 * Math.Log10(changed / difference), 2) : null;

        report.TimingsS = new Dictionary<string, double>
        {
            ["analysis"] = Math.Round(analysed, 3),
            ["repair"] = Math.Round(clock.Elapsed.TotalSeconds - analysed, 3),
        };
        return report;
    }

    private RepairPlan Plan(RestoreAnalysis analysis, AudioStreamInfo info, string inputPath)
    {
        if (_settings.Polarity == RepairMode.On && info.Channels != 2)
        {
            throw new AudioFileException(inputPath, "channels", $"has {info.Channels} channel(s): polarity repair compares the two channels of a stereo recording");
        }

        if (_settings.Azimuth == RepairMode.On && info.Channels != 2)
        {
            throw new AudioFileException(inputPath, "channels", $"has {info.Channels} channel(s): azimuth correction measures the delay between the two channels of a stereo recording");
        }

        var dc = _settings.Dc == RepairMode.On || (_settings.Dc == RepairMode.Auto && analysis.NeedsDc);
        var polarity = info.Channels == 2 && (_settings.Polarity == RepairMode.On || (_settings.Polarity == RepairMode.Auto && analysis.NeedsPolarity));
        var declick = _settings.Declick != RepairMode.Off;

        // The channels' delay as they will be once the polarity repair has run (a channel turned over reads as half a turn of phase).
        var channelDelay = analysis.DelayMeter?.Result(inverted: polarity);
        if (_settings.Azimuth == RepairMode.On && channelDelay is null)
        {
            throw new AudioFileException(inputPath, "samples", "has a silent channel: there is no delay between the channels to measure");
        }

        // Asked for, a delay of a tenth of a sample or more is corrected whatever the coherence; in auto, only a coherent one.
        var azimuth = channelDelay is { } delay && Math.Abs(delay.Samples) >= RestoreAnalysis.MinDelay
            && (_settings.Azimuth == RepairMode.On || (_settings.Azimuth == RepairMode.Auto && RestoreAnalysis.NeedsAzimuth(channelDelay)))
            ? (delay.Samples > 0 ? new ChannelAdvance(1, delay.Samples) : new ChannelAdvance(0, -delay.Samples))
            : null;
        var declip = _settings.Declip == RepairMode.On || (_settings.Declip == RepairMode.Auto && analysis.NeedsDeclip);
        if (declip && !analysis.NeedsDeclip)
        {
            throw new AudioFileException(inputPath, "samples", "shows no clipping (no channel sits at its extreme value for two samples or more ten times): there is nothing for de-clip to rebuild");
        }

        var denoise = _settings.Denoise == RepairMode.On || (_settings.Denoise == RepairMode.Auto && analysis.NeedsDenoise);
        if (_settings.Denoise == RepairMode.On && analysis.Noise is null)
        {
            var where = _settings.DenoiseSettings.ProfileStartS is { } start
                ? $"the passage {start}-{_settings.DenoiseSettings.ProfileEndS} s given for the noise profile (restore.denoise.profile) is past the end or touches digital silence"
                : "has no passage to learn the noise from (three quarter-seconds or more that are not digital silence)";
            throw new AudioFileException(inputPath, "samples", where);
        }

        var dehum = _settings.Dehum == RepairMode.On || (_settings.Dehum == RepairMode.Auto && analysis.Hum is not null);
        var hum = _settings.MainsHz is { } mains ? analysis.HumTracker?.Result(mains) : analysis.Hum;

        // De-clip runs after the polarity repair: a turned-over channel's clip levels turn over with it.
        var clips = analysis.Clips.Select((c, i) => polarity && i == 1 ? new ClipLevel(-c.Negative, -c.Positive) : c).ToArray();
        return new RepairPlan(
            dc ? new DcRemover() : null,
            polarity ? new PolarityFlip(1) : null,
            declick ? new Declicker(_settings.DeclickSettings) : null,
            declip ? new Declipper(clips, _settings.DeclipSettings) : null,
            dehum && hum is not null ? new Dehummer(hum) : null,
            denoise ? new Denoiser(analysis.Noise!, _settings.DenoiseSettings) : null,
            azimuth,
            channelDelay);
    }

    // The second pass: the chain over the input into the output, its latency taken out. Returns the energy of
    // the input (polarity repaired) and of what the other repairs changed in it, for the report's change SDR.
    private static (double Signal, double Difference) Render(string inputPath, string outputPath, AudioStreamInfo info, long frames, RepairPlan plan, CancellationToken cancellationToken, IProgress<double>? progress)
    {
        var channels = info.Channels;
        var spec = new AudioSpec(info.SampleRate, channels, BlockFrames);
        var chain = plan.Processors;
        foreach (var processor in chain)
        {
            processor.Prepare(spec);
        }

        var latency = chain.Sum(p => p.LatencyFrames);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.partial");
        // Rebuilt peaks go past full scale: a float file keeps them.
        var format = info.SampleFormat == SampleFormat.Float32 || plan.Declipper is not null ? SampleFormat.Float32 : SampleFormat.Pcm24;
        var dry = new DelayedInput(channels, latency + BlockFrames);
        double signal = 0, difference = 0;
        try
        {
            using (var reader = AudioFile.OpenRead(inputPath))
            using (var writer = WavWriter.Create(partial, new WavWriterOptions { SampleRate = info.SampleRate, Channels = channels, Format = format, ExpectedFrames = frames }))
            {
                var buffer = new AudioBuffer(channels, BlockFrames);
                long read = 0, written = 0;
                var skip = latency;
                while (written < frames)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var n = reader.Read(buffer.AsBlock());
                    if (n == 0)
                    {
                        // Past the end: silence pushes the last frames out of the chain.
                        n = (int)Math.Min(BlockFrames, frames - written + skip);
                        buffer.AsBlock(n).Clear();
                    }
                    else
                    {
                        read += n;
                    }

                    var block = buffer.AsBlock(n);
                    plan.Polarity?.Process(block);
                    dry.Push(block);
                    foreach (var processor in chain)
                    {
                        if (processor != plan.Polarity)
                        {
                            processor.Process(block);
                        }
                    }

                    var start = Math.Min(skip, n);
                    skip -= start;
                    var count = (int)Math.Min(n - start, frames - written);
                    if (count > 0)
                    {
                        var output = block.Slice(start, count);
                        writer.Write(output);
                        dry.Compare(output, ref signal, ref difference);
                        written += count;
                        if (progress is not null && (written / BlockFrames) % 16 == 0)
                        {
                            progress.Report(Analysed + ((1 - Analysed) * written / frames));
                        }
                    }
                }

                writer.Complete();
            }

            File.Move(partial, outputPath, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        return (signal, difference);
    }

    private sealed record RepairPlan(DcRemover? Dc, PolarityFlip? Polarity, Declicker? Declicker, Declipper? Declipper, Dehummer? Dehummer, Denoiser? Denoiser, ChannelAdvance? Azimuth, (double Samples, double Coherence)? ChannelDelay)
    {
        // Polarity first: it has no latency and the dry copy is taken after it. De-clip next, on the samples as
        // they were clipped (the high-pass would move them off their clip levels). De-noise last, on a signal
        // without clicks or hum (they would be smeared over a frame, or taken for signal). The channels brought
        // into line at the end (a delay changes nothing the other repairs rely on).
        public IReadOnlyList<IAudioProcessor> Processors { get; } =
            [.. new IAudioProcessor?[] { Polarity, Declipper, Dc, Dehummer, Declicker, Denoiser, Azimuth }.OfType<IAudioProcessor>()];

        /// <summary>The latency of the repairs before de-click (which sees the input that much later).</summary>
        public int BeforeDeclick => (Declipper?.LatencyFrames ?? 0) + (Dc?.LatencyFrames ?? 0) + (Dehummer?.LatencyFrames ?? 0);
    }
}
