using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Tests;

/// <summary>A processor run over whole channels in blocks, its latency taken out: output frame i is input frame i.</summary>
internal static class Offline
{
    public static float[][] Run(IAudioProcessor processor, float[][] input, int sampleRate, int blockFrames = 4096)
    {
        var channels = input.Length;
        var frames = input[0].Length;
        processor.Prepare(new AudioSpec(sampleRate, channels, blockFrames));
        var latency = processor.LatencyFrames;
        var output = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            output[c] = new float[frames];
        }

        var block = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            block[c] = new float[blockFrames];
        }

        for (long at = 0; at < frames + latency; at += blockFrames)
        {
            var n = (int)Math.Min(blockFrames, frames + latency - at);
            for (var c = 0; c < channels; c++)
            {
                var fresh = (int)Math.Clamp(frames - at, 0, n);
                input[c].AsSpan((int)Math.Min(at, frames), fresh).CopyTo(block[c]);
                block[c].AsSpan(fresh, n - fresh).Clear();
            }

            processor.Process(new AudioBlock(block, channels, 0, n));
            for (var i = 0; i < n; i++)
            {
                var target = at + i - latency;
                if (target >= 0 && target < frames)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        output[c][target] = block[c][i];
                    }
                }
            }
        }

        return output;
    }
}
