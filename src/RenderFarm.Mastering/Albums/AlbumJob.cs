using System.Diagnostics;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Cd;
using RenderFarm.Mastering.Deliverables;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Masters an album. Every song runs through the profile's chain up to the limiter; the album's loudness is
/// planned on the mixes: in album mode one offset D = target - (the album's integrated loudness over all
/// their blocks) and each song's limiter solved to its mix's loudness + D, so the album lands on the target
/// and each song stays as much louder or quieter than the others as it was mixed (the album measured again
/// on the masters, and D corrected when it misses by more than 0.05 LU); in track mode each song to the
/// target. Then the per-track deliverables of the profile (tagged with album and track gains), and, when the
/// profile has a CD deliverable, the disc: songs laid out with their gaps, crossfades and a hidden track,
/// one 16-bit programme, its CUE sheet and DDP 2.0 image, Red Book rules enforced before anything is rendered.
/// </summary>
public sealed class AlbumJob(MasteringProfile profile, TimeProvider? timeProvider = null)
{
    /// <summary>How close the album's measured loudness must come to the target before the songs are limited again.</summary>
    public const double AlbumTolerance = 0.05;

    /// <summary>A song whose master is this many LU from the album's loudness is flagged.</summary>
    public const double LoudnessOutlierLu = 6.0;

    /// <summary>A tonal band this many dB from the album's median is flagged.</summary>
    public const double ToneOutlierDb = 3.0;

    /// <summary>A peak-to-loudness ratio this many dB from the album's median is flagged.</summary>
    public const double PlrOutlierDb = 4.0;

    private const int MaxRounds = 4;

    private readonly MasteringJob _job = new(profile, timeProvider);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public MasteringProfile Profile { get; } = profile;

    /// <summary>
    /// Masters <paramref name="album"/> (song paths as given) into <paramref name="outputDirectory"/>: <c>tracks/</c>,
    /// <c>cd/</c>, <c>ddp/</c>, made in a work folder there and moved into place when all is done (<see cref="AlbumOutput"/>).
    /// </summary>
    public AlbumReport Run(Album album, string outputDirectory, AlbumJobOptions? options = null, CancellationToken cancellationToken = default)
    {
        album = AlbumLoader.Validated(album);
        if (HasDisc(Profile))
        {
            // The disc's rules judged from the songs' headers now, not after every song is mastered.
            RequireDisc(album, album.Songs.Select(s => AudioFile.Describe(s.Path).Info).ToArray());
        }

        options ??= new AlbumJobOptions();
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var work = AlbumOutput.WorkFolder(outputDirectory, options.Attempt);
        var staging = Path.Combine(work, "out");
        Directory.CreateDirectory(staging);
        var prepared = new PreparedMix?[album.Songs.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount };
        try
        {
            var numbers = TrackNumbers(album);
            var match = album.Reference is { } reference ? AlbumReference.Plan(album, reference, parallel, options.BlockFrames) : null;
            var songs = Prepare(album, numbers, match, work, prepared, options.Origination ?? _time.GetUtcNow(), options, parallel, cancellationToken);
            timings["analyse_and_chain"] = Lap(clock);

            var masters = songs.Select((_, i) => Path.Combine(work, "masters", i.ToString("00", CultureInfo.InvariantCulture))).ToArray();
            var limited = Limit(album, numbers, songs, masters, match, parallel, cancellationToken);
            timings["limit"] = Lap(clock);
            var (albumModeAlbum, trackModeAlbum) = OtherMode(album, songs, limited);
            var albumPeak = limited.Released.Max(i => limited.Results[i].Report.Output.TruePeakDbtp);
            for (var i = 0; i < songs.Length; i++)
            {
                var output = limited.Results[i].Report.Output;
                MasterFiles.Rewrite(masters[i], m => m with { Gain = PlaybackGain.For(output.IntegratedLufs, output.TruePeakDbtp, limited.AlbumLufs, albumPeak) });
            }

            var (files, deliverables) = MakeTracks(album, masters, Path.Combine(staging, "tracks"), parallel, cancellationToken);
            timings["tracks"] = Lap(clock);
            AlbumDiscReport? disc = null;
            if (HasDisc(Profile))
            {
                disc = MakeDisc(album, masters, staging, work, options, parallel, cancellationToken);
                timings["disc"] = Lap(clock);
            }

            // Album mode's level for each song is reported in track mode too (the offset as planned on the mixes).
            var albumModeOffset = limited.Offset ?? (limited.Target is { } t2 && double.IsFinite(limited.InputAlbum) ? t2 - limited.InputAlbum : null);
            // Each song's QC: its mix's findings, then its files'.
            var qc = Enumerable.Range(0, songs.Length).Select(i => (IReadOnlyList<StagedFinding>)[
                .. limited.Results[i].Report.Qc,
                .. Enumerable.Range(0, files.Length).Where(k => files[k].Song == i).SelectMany(k => deliverables[k].Qc.Select(f => new StagedFinding(deliverables[k].Label, f)))]).ToArray();
            var reports = AlbumConsistency.Songs(album, numbers, limited.Results.Select(r => r.Report).ToArray(), qc, limited.Target, limited.Aims, albumModeOffset, limited.AlbumLufs, albumPeak, Profile.CeilingDbtp);
            var audible = reports.Where(r => double.IsFinite(r.OutputLufs)).ToArray();
            options.BeforePublish?.Invoke();
            var final = AlbumOutput.Publish(staging, outputDirectory);
            return new AlbumReport
            {
                Mode = album.Mode,
                TargetName = Profile.Target.Name,
                TargetLufs = limited.Target,
                Reference = match?.Report([.. limited.Results.Select(r => r.MatchSpectrum)]),
                CeilingDbtp = Profile.CeilingDbtp,
                AlbumOffsetDb = limited.Offset is { } o ? Math.Round(o, 3) : null,
                Note = limited.Note,
                InputAlbumLufs = Math.Round(limited.InputAlbum, 3),
                AlbumLufs = Math.Round(limited.AlbumLufs, 3),
                AlbumModeAlbumLufs = albumModeAlbum is { } am ? Math.Round(am, 3) : null,
                TrackModeAlbumLufs = trackModeAlbum is { } tm ? Math.Round(tm, 3) : null,
                AlbumTruePeakDbtp = Math.Round(albumPeak, 3),
                SpreadLu = audible.Length == 0 ? 0 : Math.Round(audible.Max(r => r.OutputLufs) - audible.Min(r => r.OutputLufs), 3),
                Rounds = limited.Rounds,
                Songs = reports,
                Disc = disc is null ? null : disc with { ImageWav = final(disc.ImageWav), CueSheet = final(disc.CueSheet), DdpFolder = disc.DdpFolder is { } ddp ? final(ddp) : null },
                Tracks = deliverables.Select(d => d with { Path = final(d.Path) }).ToArray(),
                TimingsSeconds = timings,
            };
        }
        finally
        {
            foreach (var p in prepared)
            {
                p?.Dispose();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    // Every song through the chain up to the limiter, side by side (each kept in `prepared` as soon as it is made,
    // so the caller disposes what was made if another fails).
    private PreparedMix[] Prepare(Album album, int[] numbers, AlbumReference? match, string work, PreparedMix?[] prepared, DateTimeOffset origination, AlbumJobOptions options, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        Each(album.Songs.Count, parallel, i =>
            prepared[i] = _job.Prepare(album.Songs[i].Path, work, new MasteringJobOptions
            {
                Metadata = SongMetadata(album, i, numbers[i]),
                Origination = origination,
                FileStem = Stem(album.Songs[i], numbers[i]),
                BlockFrames = options.BlockFrames,
            }, cancellationToken, match?.ContextFor(i)));
        return prepared.Select(p => p!).ToArray();
    }

    // The plan, on the mixes as they came: the album's loudness over all their blocks under one pair of gates (a
    // hidden track is not part of the released album's figure; it takes the offset all the same). Then the songs
    // are limited, round after round while the album misses its target or a song's dynamics floor held it back.
    private AlbumLimits Limit(Album album, int[] numbers, PreparedMix[] songs, string[] masters, AlbumReference? match, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        var target = Profile.Target.IntegratedLufs;
        var released = Enumerable.Range(0, songs.Length).Where(i => !album.Songs[i].Hidden).ToArray();
        var mixed = songs.Select(s => s.Input.Loudness.IntegratedLufs).ToArray();
        var inputAlbum = LoudnessMeter.IntegratedOf(released.Select(i => songs[i].InputMeter).ToArray());
        if (match is { Track.AmountPercent: > 0 } m && double.IsFinite(m.Lufs) && (target ?? inputAlbum) is var from && double.IsFinite(from))
        {
            // The album towards the reference's loudness by the amount (from the target, or from the album as mixed without one).
            target = from + (m.Track.AmountPercent / 100 * (m.Lufs - from));
        }

        double? offset = target is { } t && album.Mode == AlbumLoudnessMode.Album && double.IsFinite(inputAlbum) ? t - inputAlbum : null;
        double?[] AlbumAims() => mixed.Select(m => offset is { } d && double.IsFinite(m) ? m + d : (double?)null).ToArray();
        var aims = album.Mode == AlbumLoudnessMode.Album ? AlbumAims() : songs.Select(_ => target).ToArray();

        var results = new (MasteringReport Report, LoudnessMeter Output, double[]? MatchSpectrum)[songs.Length];
        var rounds = 0;
        double albumLufs;
        string? albumNote = null;
        var lowered = 0.0;
        while (true)
        {
            rounds++;
            Each(songs.Length, parallel, i => results[i] = songs[i].Finish(masters[i], masters[i], aims[i], cancellationToken));
            albumLufs = LoudnessMeter.IntegratedOf(released.Select(i => results[i].Output).ToArray());
            if (offset is null || target is not { } goal)
            {
                break;
            }

            // A song the dynamics floor held under its aim would break the songs' relative loudness: the whole
            // album comes down with it, and from then on the floor, not the target, decides the album's level
            // (one more round than the target's corrections may take: the relative loudness comes first).
            var held = released.Select(i => (Song: i, By: aims[i] is { } aim && results[i].Report.AimedLufs is { } kept ? aim - kept : 0)).MaxBy(h => h.By);
            if (held.By > AlbumTolerance && rounds <= MaxRounds)
            {
                offset -= held.By;
                lowered += held.By;
                aims = AlbumAims();
                albumNote = string.Create(CultureInfo.InvariantCulture,
                    $"the dynamics floor decided the album's level: track {numbers[held.Song]} ({album.Songs[held.Song].Title ?? Path.GetFileName(album.Songs[held.Song].Path)}) could not go louder than {results[held.Song].Report.AimedLufs:0.00} LUFS, so every song came down {lowered:0.00} dB with it to keep their relative loudness");
                continue;
            }

            if (albumNote is not null || Math.Abs(albumLufs - goal) <= AlbumTolerance || rounds >= MaxRounds)
            {
                break;
            }

            // The chain and the limiters changed the blocks' spread a little: move every song by the album's miss.
            offset += goal - albumLufs;
            aims = AlbumAims();
        }

        return new AlbumLimits(target, released, mixed, inputAlbum, offset, aims, results, rounds, albumLufs, albumNote);
    }

    // The other mode's album loudness, estimated by moving each master's blocks by that mode's gain.
    private static (double? AlbumMode, double? TrackMode) OtherMode(Album album, PreparedMix[] songs, AlbumLimits limited)
    {
        if (limited.Target is not { } target)
        {
            return (null, null);
        }

        var (released, results) = (limited.Released, limited.Results);
        var outputs = released.Select(i => results[i].Output).ToArray();
        if (album.Mode == AlbumLoudnessMode.Album)
        {
            return (limited.AlbumLufs, LoudnessMeter.IntegratedOf(outputs, released.Select(i => Finite(target - results[i].Report.Output.IntegratedLufs)).ToArray()));
        }

        var d = target - limited.InputAlbum;
        return (LoudnessMeter.IntegratedOf(outputs, released.Select(i => Finite(limited.Mixed[i] + d - results[i].Report.Output.IntegratedLufs)).ToArray()), limited.AlbumLufs);

        // A silent song (no loudness) has no gain to move by; it adds no blocks either way.
        static double Finite(double gain) => double.IsFinite(gain) ? gain : 0;
    }

    // The streaming release: every deliverable of the profile but the CD, for every track but a hidden one.
    private ((int Song, int Index)[] Files, DeliverableReport[] Reports) MakeTracks(Album album, string[] masters, string tracksFolder, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        var files = Enumerable.Range(0, masters.Length).Where(i => !album.Songs[i].Hidden)
            .SelectMany(i => Enumerable.Range(0, Profile.Deliverables.Count).Where(d => Profile.Deliverables[d].Format != DeliverableFormat.Cd).Select(d => (Song: i, Index: d)))
            .ToArray();
        var deliverables = new DeliverableReport[files.Length];
        if (files.Length > 0)
        {
            Directory.CreateDirectory(tracksFolder);
        }

        Each(files.Length, parallel, k => deliverables[k] = _job.Deliver(masters[files[k].Song], files[k].Index, tracksFolder, cancellationToken));
        return (files, deliverables);
    }

    /// <summary>Whether <paramref name="profile"/> makes a CD of an album (its disc image, CUE sheet and DDP image).</summary>
    public static bool HasDisc(MasteringProfile profile) => profile?.Deliverables.Any(d => d.Format == DeliverableFormat.Cd) ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>
    /// Throws <see cref="RedBookException"/> naming every Red Book rule the album's disc would break, foreseen from
    /// its songs' streams (rates and lengths from their headers, in the album's order) before anything is
    /// rendered; a crossfade longer than its songs is a <see cref="ProfileException"/> naming the song's field.
    /// Where a song's length is not in its headers, the rules on lengths wait for the rendered disc.
    /// </summary>
    public static void RequireDisc(Album album, IReadOnlyList<AudioStreamInfo> songs)
    {
        var (disc, known) = AlbumLayout.Foresee(album, songs);

        // A track's length is judged when its own song's length is known (and the next one's, which its pre-gap
        // or crossfade starts from); the programme's when every song's is.
        var first = album.Songs.Count > 0 && album.Songs[0].Hidden ? 1 : 0;
        bool Judged(RedBookViolation v) => v.Rule switch
        {
            RedBook.TrackLength => v.Track is { } t && known[first + t - 1] && (first + t >= known.Count || known[first + t]),
            RedBook.ProgrammeLength => known.All(k => k),
            _ => true,
        };
        var broken = RedBook.Check(disc).Where(Judged).ToArray();
        if (broken.Length > 0)
        {
            throw new RedBookException(broken);
        }
    }

    // The disc: each master at 44.1 kHz in float, laid out, rendered once to 16 bits; its CUE sheet and DDP image.
    private AlbumDiscReport MakeDisc(Album album, string[] masters, string outputDirectory, string work, AlbumJobOptions options, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        var cdRate = new string[masters.Length];
        var lengths = new long[masters.Length];
        Each(masters.Length, parallel, i =>
        {
            var source = MasterFiles.AudioPathIn(masters[i]);
            using var reader = AudioFile.OpenRead(source);
            if (reader.Info.SampleRate == CdTime.SampleRate)
            {
                cdRate[i] = source;
                lengths[i] = reader.Info.Frames ?? 0;
                return;
            }

            cdRate[i] = Path.Combine(work, $"cd-{i:00}.wav");
            var converter = new RateConverter(reader.Info.SampleRate, CdTime.SampleRate, reader.Info.Channels, options.BlockFrames);
            using var writer = WavWriter.Create(cdRate[i], new WavWriterOptions { SampleRate = CdTime.SampleRate, Channels = reader.Info.Channels, Format = SampleFormat.Float32, Durable = false });
            var buffer = new AudioBuffer(reader.Info.Channels, options.BlockFrames);
            int n;
            while ((n = reader.Read(buffer.AsBlock())) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                converter.Write(buffer.AsBlock(n), writer.Write);
            }

            converter.Flush(writer.Write);
            writer.Complete();
            lengths[i] = writer.FramesWritten;
        });

        var layout = AlbumLayout.Plan(album, lengths);
        RedBook.Require(layout.Disc);
        var cdFolder = Path.Combine(outputDirectory, "cd");
        var ddpFolder = Path.Combine(outputDirectory, "ddp");
        Directory.CreateDirectory(cdFolder);
        Directory.CreateDirectory(ddpFolder);
        var stem = DiscStem(album.Title);
        var wav = Path.Combine(cdFolder, stem + ".wav");
        var cue = Path.Combine(cdFolder, stem + ".cue");
        var raw = Path.Combine(ddpFolder, DdpImage.ImageName);
        var image = AlbumImage.Render(layout, cdRate, Profile.Chain.Limiter with { CeilingDbtp = Profile.CeilingDbtp }, Profile.NoiseShaping, wav, raw, cancellationToken);
        CueSheet.Save(layout.Disc, cue, wav);
        DdpImage.Write(ddpFolder, layout.Disc, album.Title);
        return new AlbumDiscReport
        {
            Layout = layout.Disc,
            ImageWav = wav,
            CueSheet = cue,
            DdpFolder = ddpFolder,
            ImageSha256 = image.RawSha256,
            DurationSeconds = Math.Round((double)image.Samples / CdTime.SampleRate, 3),
            IntegratedLufs = Math.Round(image.Loudness.IntegratedLufs, 3),
            TruePeakDbtp = Math.Round(image.Loudness.TruePeakDbtp, 3),
            ClippedSamples = image.ClippedSamples,
            LimiterMaxGainReductionDb = Math.Round(image.LimiterMaxGainReductionDb, 2),
            LimitedSeconds = Math.Round(image.LimitedSeconds, 3),
        };
    }

    // Parallel.For that throws what the work threw, not an AggregateException: a song's unreadable file or a
    // disc's broken rule reaches the caller as itself. When several fail, the one thrown is the first in the
    // album's order, whichever thread got there first (the same error every attempt): an item after a failed
    // one is skipped, one before it still runs.
    private static void Each(int count, ParallelOptions options, Action<int> body)
    {
        var failures = new Exception?[count];
        var firstFailed = count;
        try
        {
            Parallel.For(0, count, options, i =>
            {
                if (i > Volatile.Read(ref firstFailed))
                {
                    return;
                }

                try
                {
                    body(i);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures[i] = e;
                    int seen;
                    while (i < (seen = Volatile.Read(ref firstFailed)) && Interlocked.CompareExchange(ref firstFailed, i, seen) != seen)
                    {
                    }
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        if (failures.FirstOrDefault(e => e is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    // The disc image's and CUE sheet's name from the album's title, in ASCII: the CUE sheet names its image in
    // ISO-8859-1 and the file system in UTF-8, so only ASCII names match byte for byte ("Vol. 2: Café" is
    // "Vol_2_Cafe": letters lose their accents, anything else becomes a separator).
    private static string DiscStem(string? title)
    {
        var plain = Metadata.AsciiText.Fold(title ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray();
        var safe = string.Join('_', new string(plain).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return safe.Length == 0 ? "album" : safe;
    }

    private static int[] TrackNumbers(Album album)
    {
        var numbers = new int[album.Songs.Count];
        var n = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = album.Songs[i].Hidden ? 0 : ++n;
        }

        return numbers;
    }

    private static TrackMetadata SongMetadata(Album album, int index, int number)
    {
        var song = album.Songs[index];
        return new TrackMetadata
        {
            Title = song.Title,
            Artist = song.Artist ?? album.Artist,
            Album = album.Title,
            AlbumArtist = album.Artist,
            TrackNumber = number == 0 ? null : number,
            TrackTotal = album.Tracks.Count,
            Year = album.Year,
            Isrc = song.Isrc,
            Upc = album.Upc,
        };
    }

    // "03 Title" (a hidden track "00 Title"): files sort in running order and say what they are.
    private static string Stem(AlbumSong song, int number)
    {
        var name = song.Title ?? Path.GetFileNameWithoutExtension(song.Path);
        var title = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray()).Trim('_');
        return string.Create(CultureInfo.InvariantCulture, $"{number:00}-{title}");
    }

    private static double Lap(Stopwatch clock)
    {
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        clock.Restart();
        return seconds;
    }
}
