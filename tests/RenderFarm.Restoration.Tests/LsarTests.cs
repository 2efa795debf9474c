using RenderFarm.Dsp.Spectral;
using RenderFarm.Restoration.Declick;

namespace RenderFarm.Restoration.Tests;

public sealed class LsarTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(100)]
    public void Gap_InATonalSignal_IsRebuiltFromItsModel(int gap)
    {
        // Three partials and a little noise: a model of order 32 predicts it well.
        var random = new Random(7);
        var x = new float[4096];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((0.3 * Math.Sin(2 * Math.PI * 220 * i / 48_000.0)) + (0.2 * Math.Sin(2 * Math.PI * 661 * i / 48_000.0)) + (0.1 * Math.Sin((2 * Math.PI * 1503 * i / 48_000.0) + 1)) + (1e-4 * ((2 * random.NextDouble()) - 1)));
        }

        const int Order = 32;
        var r = new double[Order + 1];
        var window = new float[x.Length];
        LinearPrediction.Hann(window);
        LinearPrediction.WindowedAutocorrelation(x, window, new float[x.Length], r);
        r[0] *= 1.000001;
        var a = new double[Order + 1];
        Assert.True(LinearPrediction.Levinson(r, a, new double[Order + 1], out _));

        var damaged = (float[])x.Clone();
        var start = 2000;
        for (var i = start; i < start + gap; i++)
        {
            damaged[i] = 0.9f;
        }

        var lsar = new LsarInterpolator(Order, 256, 512);
        lsar.SetModel(a);
        Assert.True(lsar.Interpolate(damaged, Enumerable.Range(start, gap).ToArray(), a));

        double signal = 0, error = 0;
        for (var i = start; i < start + gap; i++)
        {
            signal += x[i] * (double)x[i];
            error += (damaged[i] - x[i]) * (double)(damaged[i] - x[i]);
        }

        var sdr = 10 * Math.Log10(signal / error);
        output.WriteLine($"gap {gap}: {sdr:0.0} dB over the gap");
        Assert.True(sdr > 30, $"gap {gap}: {sdr:0.0} dB");
    }
}
