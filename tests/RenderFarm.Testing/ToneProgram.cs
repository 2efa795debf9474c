using RenderFarm.Dsp;

namespace RenderFarm.Testing;

/// <summary>
/// A test programme made of tone segments (the EBU Tech 3341/3342 signals), generated block by block so
/// that a long programme never sits in memory. The sine phase runs on across segment boundaries.
/// An optional raised-cosine fade at both ends keeps the hard onset of a tone from ringing in a true-peak
/// interpolator (a step is not the band-limited signal the test cases define).
/// </summary>
public sealed class ToneProgram(int sampleRate, int channels, IReadOnlyList<ToneSegment> segments, double fadeSeconds = 0.0)
{
    public int SampleRate { get; } = sampleRate;

    public int Channels { get; } = channels;

    public long Frames => segments.Sum(s => (long)Math.Round(s.Seconds * SampleRate));

    /// <summary>Generates the programme and hands each block to <paramref name="sink"/>.</summary>
    public void Generate(Action<AudioBlock> sink, int blockFrames = 4096)
    {
        var buffer = new AudioBuffer(Channels, blockFrames);
        var total = Frames;
        var fade = (long)Math.Round(fadeSeconds * SampleRate);
        long n = 0;
        foreach (var segment in segments)
        {
            var frames = (long)Math.Round(segment.Seconds * SampleRate);
            var w = 2.0 * Math.PI * segment.FrequencyHz / SampleRate;
            var phase = segment.PhaseDegrees * Math.PI / 180.0;
            var amplitudes = segment.LevelsDbfs.Select(l => l is null ? 0.0 : Decibels.ToAmplitude(l.Value)).ToArray();
            for (long done = 0; done < frames;)
            {
                var count = (int)Math.Min(blockFrames, frames - done);
                var block = buffer.AsBlock(count);
                for (var c = 0; c < Channels; c++)
                {
                    var span = block[c];
                    for (var i = 0; i < count; i++)
                    {
                        span[i] = (float)(amplitudes[c] * Envelope(n + i, total, fade) * Math.Sin((w * (n + i)) + phase));
                    }
                }

                sink(block);
                done += count;
                n += count;
            }
        }
    }

    private static double Envelope(long n, long total, long fade)
    {
        var edge = Math.Min(n, total - 1 - n);
        return fade == 0 || edge >= fade ? 1.0 : 0.5 - (0.5 * Math.Cos(Math.PI * edge / fade));
    }
}
