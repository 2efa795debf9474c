using System.Buffers.Binary;
using System.Security.Cryptography;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dither;
using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Cd;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Renders an album's disc programme from its songs' 44.1 kHz float masters as laid out: silence in the
/// gaps (digital silence: the dither stops where no song plays), equal-power (sine/cosine) fades where songs crossfade, dithered once to 16 bits. Writes the
/// programme as a WAV (for the CUE sheet) and as the raw little-endian interleaved stereo of a DDP image,
/// the same samples byte for byte, streaming: two songs are open at most.
/// </summary>
internal static class AlbumImage
{
    private const int BlockFrames = 16 * CdTime.SamplesPerFrame * 4;

    public static AlbumImageResult Render(AlbumLayout layout, IReadOnlyList<string> songPaths, NoiseShaping shaping, string wavPath, string rawPath, CancellationToken cancellationToken)
    {
        const int Channels = 2;
        var spec = new AudioSpec(CdTime.SampleRate, Channels, BlockFrames);
        var output = new AudioBuffer(Channels, BlockFrames);
        var scratch = new AudioBuffer(Channels, BlockFrames);
        var ditherer = new Ditherer(16, shaping);
        ditherer.Prepare(spec);
        var meter = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false, BoundedMemory = true });
        meter.Prepare(spec);
        var readers = new IAudioReader?[songPaths.Count];
        var raw = new byte[BlockFrames * Channels * 2];
        var covered = new bool[BlockFrames];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            using var wav = WavWriter.Create(wavPath, new WavWriterOptions { SampleRate = CdTime.SampleRate, Channels = Channels, Format = SampleFormat.Pcm16, ExpectedFrames = layout.TotalSamples });
            using var dat = new FileStream(rawPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            for (long at = 0; at < layout.TotalSamples; at += BlockFrames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(BlockFrames, layout.TotalSamples - at);
                var block = output.AsBlock(n);
                block.Clear();
                Array.Clear(covered);
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
                    covered.AsSpan(from, count).Fill(true);
                    for (var i = 0; i < count; i++)
                    {
                        var t = at + from + i;
                        var gain = Gain(layout, s, t);
                        for (var c = 0; c < Channels; c++)
                        {
                            var source = reader.Info.Channels == 1 ? part[0] : part[c];
                            block[c][from + i] += i < got ? (float)(source[i] * gain) : 0f;
                        }
                    }
                }

                ditherer.Process(block);
                for (var i = 0; i < n; i++)
                {
                    if (!covered[i])
                    {
                        // Gaps are digital silence: no dither where no song plays.
                        block[0][i] = 0;
                        block[1][i] = 0;
                    }
                }

                meter.Add(block);
                wav.Write(block);
                for (var i = 0; i < n; i++)
                {
                    for (var c = 0; c < Channels; c++)
                    {
                        var v = Math.Clamp(Math.Round(block[c][i] * 32768.0), -32768, 32767);
                        BinaryPrimitives.WriteInt16LittleEndian(raw.AsSpan((((i * Channels) + c) * 2), 2), (short)v);
                    }
                }

                dat.Write(raw, 0, n * Channels * 2);
                hash.AppendData(raw, 0, n * Channels * 2);
            }

            wav.Complete();
            dat.Flush(flushToDisk: true);
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader?.Dispose();
            }
        }

        return new AlbumImageResult(layout.TotalSamples, Convert.ToHexStringLower(hash.GetHashAndReset()), ditherer.ClippedSamples, meter.GetReport());
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

/// <summary>What rendering a disc programme gave: its length in samples, the SHA-256 of its raw image, samples clipped by the 16-bit conversion, and its loudness.</summary>
internal sealed record AlbumImageResult(long Samples, string RawSha256, long ClippedSamples, LoudnessReport Loudness);
