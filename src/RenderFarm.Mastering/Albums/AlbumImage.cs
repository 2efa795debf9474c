using System.Buffers.Binary;
using System.Security.Cryptography;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dither;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Cd;
using RenderFarm.Mastering.Chain;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Renders an album's disc programme from its songs' 44.1 kHz float masters as laid out, in two streaming
/// passes. First the songs are placed in one float programme: silence in the gaps, equal-power (sine/cosine)
/// fades where songs crossfade (two songs open at most). Then the profile's true-peak limiter runs over it
/// at unity gain, so a crossfade that sums two limited songs over the ceiling is held under it (elsewhere
/// the masters are under it already and it does nothing), and it is dithered once to 16 bits, the gaps left
/// digital silence (no dither where no song plays). The result is written as a WAV (for the CUE sheet) and
/// as the raw little-endian interleaved stereo of a DDP image, the same samples byte for byte.
/// </summary>
internal static class AlbumImage
{
    private const int BlockFrames = 16 * CdTime.SamplesPerFrame * 4;
    private const int Channels = 2;

    public static AlbumImageResult Render(AlbumLayout layout, IReadOnlyList<string> songPaths, LimiterSettings limiter, NoiseShaping shaping, string programmePath, string wavPath, string rawPath, CancellationToken cancellationToken)
    {
        Assemble(layout, songPaths, programmePath, cancellationToken);

        var spec = new AudioSpec(CdTime.SampleRate, Channels, BlockFrames);
        var ditherer = new Ditherer(16, shaping);
        ditherer.Prepare(spec);
        var meter = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false, BoundedMemory = true });
        meter.Prepare(spec);
        var raw = new byte[BlockFrames * Channels * 2];
        var covered = new bool[BlockFrames];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var wav = WavWriter.Create(wavPath, new WavWriterOptions { SampleRate = CdTime.SampleRate, Channels = Channels, Format = SampleFormat.Pcm16, ExpectedFrames = layout.TotalSamples });
        using var dat = new FileStream(rawPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        long at = 0;
        var held = LimiterPass.Run(programmePath, 0, limiter, BlockFrames, block =>
        {
            ditherer.Process(block);
            Cover(layout, at, block.Frames, covered);
            for (var i = 0; i < block.Frames; i++)
            {
                if (!covered[i])
                {
                    block[0][i] = 0;
                    block[1][i] = 0;
                }

                for (var c = 0; c < Channels; c++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(raw.AsSpan(((i * Channels) + c) * 2, 2), (short)Math.Clamp(Math.Round(block[c][i] * 32768.0), -32768, 32767));
                }
            }

            meter.Add(block);
            wav.Write(block);
            dat.Write(raw, 0, block.Frames * Channels * 2);
            hash.AppendData(raw, 0, block.Frames * Channels * 2);
            at += block.Frames;
        }, cancellationToken);
        wav.Complete();
        dat.Flush(flushToDisk: true);
        return new AlbumImageResult(layout.TotalSamples, Convert.ToHexStringLower(hash.GetHashAndReset()), ditherer.ClippedSamples, meter.GetReport(),
            held.MaxGainReductionDb, (double)held.LimitedFrames / CdTime.SampleRate);
    }

    // The songs placed in one float programme as laid out, crossfades summed.
    private static void Assemble(AlbumLayout layout, IReadOnlyList<string> songPaths, string programmePath, CancellationToken cancellationToken)
    {
        var output = new AudioBuffer(Channels, BlockFrames);
        var scratch = new AudioBuffer(Channels, BlockFrames);
        var readers = new IAudioReader?[songPaths.Count];
        try
        {
            using var programme = WavWriter.Create(programmePath, new WavWriterOptions { SampleRate = CdTime.SampleRate, Channels = Channels, Format = SampleFormat.Float32, ExpectedFrames = layout.TotalSamples, Durable = false });
            for (long at = 0; at < layout.TotalSamples; at += BlockFrames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(BlockFrames, layout.TotalSamples - at);
                var block = output.AsBlock(n);
                block.Clear();
                for (var s = 0; s < songPaths.Count; s++)
                {
                    var start = layout.Starts[s];
                    var end = start + layout.Lengths[s];
                    if (end <= at || start >= at + n)
                    {
                        if (end <= at && readers[s] is { } done)
                        {
                            done.Dispose();
                            readers[s] = null;
                        }

                        continue;
                    }

                    var reader = readers[s] ??= Open(songPaths[s]);
                    var from = (int)Math.Max(0, start - at);
                    var count = (int)(Math.Min(at + n, end) - (at + from));
                    var part = new AudioBlock([scratch.Channel(0), scratch.Channel(1)], reader.Info.Channels, 0, count);
                    var got = ReadFully(reader, part);
                    for (var i = 0; i < got; i++)
                    {
                        var gain = Gain(layout, s, at + from + i);
                        for (var c = 0; c < Channels; c++)
                        {
                            block[c][from + i] += (float)((reader.Info.Channels == 1 ? part[0] : part[c])[i] * gain);
                        }
                    }
                }

                programme.Write(block);
            }

            programme.Complete();
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader?.Dispose();
            }
        }
    }

    // Marks the samples of [at, at + frames) where a song plays (elsewhere is a gap: digital silence).
    private static void Cover(AlbumLayout layout, long at, int frames, bool[] covered)
    {
        Array.Clear(covered, 0, frames);
        for (var s = 0; s < layout.Starts.Count; s++)
        {
            var from = Math.Max(layout.Starts[s], at);
            var to = Math.Min(layout.Starts[s] + layout.Lengths[s], at + frames);
            if (from < to)
            {
                covered.AsSpan((int)(from - at), (int)(to - from)).Fill(true);
            }
        }
    }

    // Equal-power fades: the incoming song rises on a sine quarter, the outgoing one falls on a cosine.
    private static double Gain(AlbumLayout layout, int song, long t)
    {
        var gain = 1.0;
        var fadeIn = layout.FadeIns[song];
        if (fadeIn > 0 && t < layout.Starts[song] + fadeIn)
        {
            gain *= Math.Sin(Math.PI / 2 * ((t - layout.Starts[song]) + 0.5) / fadeIn);
        }

        if (song + 1 < layout.Starts.Count && layout.FadeIns[song + 1] is > 0 and var fadeOut && t >= layout.Starts[song + 1])
        {
            gain *= Math.Cos(Math.PI / 2 * ((t - layout.Starts[song + 1]) + 0.5) / fadeOut);
        }

        return gain;
    }

    private static IAudioReader Open(string path)
    {
        var reader = AudioFile.OpenRead(path);
        if (reader.Info.SampleRate != CdTime.SampleRate || reader.Info.Channels is not (1 or 2))
        {
            reader.Dispose();
            throw new AudioFileException(path, "format", $"a disc programme is made of 44.1 kHz mono or stereo masters; this one is {reader.Info.SampleRate} Hz, {reader.Info.Channels} channels");
        }

        return reader;
    }

    private static int ReadFully(IAudioReader reader, AudioBlock block)
    {
        var total = 0;
        while (total < block.Frames)
        {
            var n = reader.Read(block.Slice(total, block.Frames - total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}

/// <summary>
/// What rendering a disc programme gave: its length in samples, the SHA-256 of its raw image, samples
/// clipped by the 16-bit conversion, its loudness, and how much the limiter held it (crossfades) and for how long.
/// </summary>
internal sealed record AlbumImageResult(long Samples, string RawSha256, long ClippedSamples, LoudnessReport Loudness, double LimiterMaxGainReductionDb, double LimitedSeconds);
