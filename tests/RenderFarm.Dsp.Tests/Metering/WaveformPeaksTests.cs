using RenderFarm.Dsp.Metering;

namespace RenderFarm.Dsp.Tests.Metering;

/// <summary>Compact waveform peaks: exact per bucket, and fixed in size whatever the length.</summary>
public sealed class WaveformPeaksTests
{
    [Fact]
    public void Buckets_HoldTheExactMinMaxAndRms_OfTheirFrames()
    {
        var random = new Random(3);
        var left = Enumerable.Range(0, 10_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var right = Enumerable.Range(0, 10_000).Select(_ => (float)(random.NextDouble() - 0.3)).ToArray();
        var peaks = new WaveformPeaks(maxBuckets: 64, initialBucketFrames: 16);
        peaks.Prepare(new AudioSpec(48_000, 2, 999));
        for (var at = 0; at < left.Length; at += 999)
        {
            var n = Math.Min(999, left.Length - at);
            peaks.Add(new AudioBlock([left[at..(at + n)], right[at..(at + n)]], n));
        }

        var data = peaks.GetData();
        var bucket = (int)peaks.BucketFrames;
        Assert.Equal(256, bucket); // 16 doubled until 10,000 frames fit in 64 buckets
        Assert.Equal(bucket / 48_000.0, data.BucketSeconds);
        Assert.Equal((10_000 + bucket - 1) / bucket, data.Max.Length);
        for (var b = 0; b < data.Max.Length; b++)
        {
            var range = new Range(b * bucket, Math.Min(left.Length, (b + 1) * bucket));
            float[] both = [.. left[range], .. right[range]];
            Assert.Equal(both.Min(), data.Min[b]);
            Assert.Equal(both.Max(), data.Max[b]);
            Assert.Equal(Math.Sqrt(both.Average(s => (double)s * s)), data.Rms[b], 1e-5);
        }
    }

    [Fact]
    public void TwoHours_StayWithinTheBucketLimit()
    {
        var peaks = new WaveformPeaks(maxBuckets: 4096);
        peaks.Prepare(new AudioSpec(48_000, 2, 48_000));
        var second = new float[48_000];
        for (var s = 0; s < 7200; s++)
        {
            second[0] = s % 600 == 0 ? 1f : 0f;
            peaks.Add(new AudioBlock([second, second], 48_000));
        }

        var data = peaks.GetData();
        Assert.InRange(data.Max.Length, 2048, 4096);
        Assert.Equal(7200.0, data.BucketSeconds * data.Max.Length, 7200.0 / 2048);
        Assert.Equal(12, data.Max.Count(m => m == 1f)); // a click every ten minutes, each in its bucket
    }
}
