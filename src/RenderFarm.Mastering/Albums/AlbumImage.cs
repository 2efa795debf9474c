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
/// Renders an album's disc programme from its songs' 44.1 kHz float masters as laid out, in one streaming
/// pass: the songs placed by <see cref="AlbumProgramme"/> (gaps, equal-power crossfades), then the
/// profile's true-peak limiter at unity gain, so a crossfade that sums two limited songs over the ceiling is
/// held under it (elsewhere the masters are under it already and it does nothing), then dithered once to 16
/// bits, the gaps left digital silence (no dither where no song plays). The result is written as a WAV (for
/// the CUE sheet) and as the raw little-endian interleaved stereo of a DDP image, the same samples byte for byte.
/// </summary>
internal static class AlbumImage
{
    private const int BlockFrames = 16 * CdTime.SamplesPerFrame * 4;
    private const int Channels = 2;

    public static AlbumImageResult Render(AlbumLayout layout, IReadOnlyList<string> songPaths, LimiterSettings limiter, NoiseShaping shaping, string wavPath, string rawPath, CancellationToken cancellationToken)
    {
        using var programme = new AlbumProgramme(layout, songPaths, BlockFrames);
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
        var held = LimiterPass.Run(programme.Read, CdTime.SampleRate, Channels, layout.TotalSamples, 0, limiter, BlockFrames, block =>
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
}
