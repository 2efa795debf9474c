using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Processors;

namespace RenderFarm.Mastering.Chain;

/// <summary>
/// One pass over the pre-limiter intermediate: loudness gain, then the true-peak limiter, with its
/// latency removed (the output is exactly as long as the input and aligned with it). Hands every block
/// of the result to a sink.
/// </summary>
internal static class LimiterPass
{
    public static TruePeakLimiter Run(string intermediate, double gainDb, LimiterSettings settings, int blockFrames, Action<AudioBlock> sink, CancellationToken cancellationToken)
    {
        using var reader = AudioFile.OpenRead(intermediate);
        var info = reader.Info;
        var total = info.Frames ?? throw new InvalidOperationException("the intermediate file has no length");
        return Run(reader.Read, info.SampleRate, info.Channels, total, gainDb, settings, blockFrames, sink, cancellationToken);
    }

    /// <summary>The same over a stream of <paramref name="totalFrames"/> frames that <paramref name="read"/> fills block by block (0 at its end).</summary>
    public static TruePeakLimiter Run(Func<AudioBlock, int> read, int sampleRate, int channels, long totalFrames, double gainDb, LimiterSettings settings, int blockFrames, Action<AudioBlock> sink, CancellationToken cancellationToken)
    {
        var spec = new AudioSpec(sampleRate, channels, blockFrames);
        var gain = new GainProcessor(gainDb, smoothingMilliseconds: 0);
        gain.Prepare(spec);
        var limiter = new TruePeakLimiter(settings);
        limiter.Prepare(spec);
        var buffer = new AudioBuffer(channels, blockFrames);
        var skip = limiter.LatencyFrames;
        long delivered = 0;
        int n;
        while ((n = read(buffer.AsBlock())) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = buffer.AsBlock(n);
            gain.Process(block);
            limiter.Process(block);
            var start = Math.Min(skip, n);
            skip -= start;
            if (start < n)
            {
                sink(block.Slice(start, n - start));
                delivered += n - start;
            }
        }

        // Push the last frames out of the look-ahead with silence.
        while (delivered < totalFrames)
        {
            var m = (int)Math.Min(blockFrames, totalFrames - delivered + skip);
            var block = buffer.AsBlock(m);
            block.Clear();
            limiter.Process(block);
            var start = Math.Min(skip, m);
            skip -= start;
            var count = (int)Math.Min(m - start, totalFrames - delivered);
            if (count > 0)
            {
                sink(block.Slice(start, count));
                delivered += count;
            }
        }

        return limiter;
    }
}
