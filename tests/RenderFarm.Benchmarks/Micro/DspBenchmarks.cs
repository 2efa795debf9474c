using BenchmarkDotNet.Attributes;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Filters;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Processors;

namespace RenderFarm.Benchmarks.Micro;

/// <summary>The hot paths on one 16384-frame stereo block of noise at 48 kHz; every one must allocate 0 B.</summary>
[MemoryDiagnoser]
public class DspBenchmarks
{
    private const int Frames = 16_384;
    private readonly AudioBuffer _buffer = new(2, Frames);
    private LoudnessMeter _meter = null!;
    private TruePeakDetector _truePeak = null!;
    private BiquadFilter _biquad = null!;
    private GainProcessor _gain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < Frames; i++)
            {
                _buffer.Channel(c)[i] = (float)((random.NextDouble() - 0.5) * 0.5);
            }
        }

        var spec = new AudioSpec(48_000, 2, Frames);
        _meter = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false });
        _meter.Prepare(spec);
        _truePeak = new TruePeakDetector(48_000, 2) { SkipChunksBelowPeak = false };
        _biquad = new BiquadFilter(BiquadDesign.Peaking(48_000, 1000, 1, 3));
        _biquad.Prepare(spec);
        _gain = new GainProcessor(-3);
        _gain.Prepare(spec);
    }

    [Benchmark(Description = "LoudnessMeter.Add (K-weighting, gating, true peak)")]
    public void MeterAdd() => _meter.Add(_buffer.AsBlock());

    [Benchmark(Description = "TruePeakDetector 4x, every chunk interpolated")]
    public void TruePeak()
    {
        _truePeak.Process(0, _buffer.Channel(0));
        _truePeak.Process(1, _buffer.Channel(1));
    }

    [Benchmark(Description = "BiquadFilter.Process")]
    public void Biquad() => _biquad.Process(_buffer.AsBlock());

    [Benchmark(Description = "GainProcessor.Process")]
    public void Gain() => _gain.Process(_buffer.AsBlock());
}
