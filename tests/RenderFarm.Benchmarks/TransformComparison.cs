using System.Diagnostics;
using System.Globalization;
using RenderFarm.Dsp.Spectral;

namespace RenderFarm.Benchmarks;

/// <summary>
/// The transform under de-noise, timed in one run: a real FFT of 2048 samples forward and back with our
/// single-precision <see cref="SplitRealFft"/>, NWaves' <c>RealFft</c> (also single precision), and our
/// double-precision <see cref="RealFft"/> (forward only: it has no inverse). Microseconds a pair, best of five
/// runs of 20,000, and how far each agrees with the double-precision transform.
/// </summary>
internal static class TransformComparison
{
    private const int Size = 2048;
    private const int Pairs = 20_000;

    public static void Run()
    {
        var random = new Random(5);
        var input = Enumerable.Range(0, Size).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var wide = input.Select(v => (double)v).ToArray();
        var (dr, di) = (new double[(Size / 2) + 1], new double[(Size / 2) + 1]);
        var reference = new RealFft(Size);
        reference.Forward(wide, dr, di);
        var (re, im, back) = (new float[(Size / 2) + 1], new float[(Size / 2) + 1], new float[Size]);

        var ours = new SplitRealFft(Size);
        var ourTime = Best(() =>
        {
            ours.Forward(input, re, im);
            ours.Inverse(re, im, back);
        });
        var ourError = Error(dr, di, re, im);

        var nwaves = new NWaves.Transforms.RealFft(Size);
        var theirTime = Best(() =>
        {
            nwaves.Direct(input, re, im);
            nwaves.Inverse(re, im, back);
        });
        nwaves.Direct(input, re, im);
        var theirError = Error(dr, di, re, im);

        var doubleTime = Best(() => reference.Forward(wide, dr, di));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real FFT {Size}, forward and inverse: ours (float, SIMD) {ourTime:0.0} us, NWaves RealFft {theirTime:0.0} us ({theirTime / ourTime:0.0}x ours); " +
            $"our double-precision forward alone {doubleTime:0.0} us. Largest bin error against double: ours {ourError:0.0e0}, NWaves {theirError:0.0e0} (relative to the largest bin)"));
    }

    private static double Error(double[] dr, double[] di, float[] re, float[] im)
    {
        var largest = dr.Zip(di, (r, i) => Math.Sqrt((r * r) + (i * i))).Max();
        return Enumerable.Range(0, dr.Length).Max(k => Math.Max(Math.Abs(dr[k] - re[k]), Math.Abs(di[k] - im[k]))) / largest;
    }

    private static double Best(Action pair)
    {
        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Pairs; i++)
            {
                pair();
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / Pairs);
        }

        return best;
    }
}
