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
        var spec = new AudioSpec(info.SampleRate, info.Channels, blockFrames);
        var gain = new GainProcessor(gainDb, smoothingMilliseconds: 0);
        gain.Prepare(spec);
        var limiter = new TruePeakLimiter(settings);
        limiter.Prepare(spec);
        var buffer = new AudioBuffer(info.Channels, blockFrames);
        var skip = limiter.LatencyFrames;
        var total = info.Frames ?? throw new InvalidOperationException("the intermediate file has no length");
        long delivered = 0;
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
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
        while (delivered < total)
        {
            var m = (int)Math.Min(blockFrames, total - delivered + skip);
            var block = buffer.AsBlock(m);
            block.Clear();
            limiter.Process(block);
            var start = Math.Min(skip, m);
            skip -= start;
            var count = (int)Math.Min(m - start, total - delivered);
            if (count > 0)
            {
                sink(block.Slice(start, count));
                delivered += count;
            }
        }

        return limiter;
    }
}
