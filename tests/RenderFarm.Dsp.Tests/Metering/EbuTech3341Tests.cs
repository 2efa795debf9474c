using RenderFarm.Dsp.Metering;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Metering;

/// <summary>
/// The synthesisable cases of EBU Tech 3341 (2016) at 44.1, 48 and 96 kHz. A compliant meter reads
/// momentary, short-term and integrated loudness within +-0.1 LU and true peak within +0.2/-0.4 dB.
/// </summary>
public sealed class EbuTech3341Tests
{
    private const double LoudnessTolerance = 0.1;

    public static TheoryData<int> Rates => [44_100, 48_000, 96_000];

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case1_Minus23DbfsSine_ReadsMinus23Everywhere(int rate)
    {
        var (report, meter) = Measure(rate, 2, ToneSegment.Uniform(20, -23));
        Assert.Equal(-23.0, report.IntegratedLufs, LoudnessTolerance);
        Assert.Equal(-23.0, meter.MomentaryLufs, LoudnessTolerance);
        Assert.Equal(-23.0, meter.ShortTermLufs, LoudnessTolerance);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case2_Minus33DbfsSine_ReadsMinus33Everywhere(int rate)
    {
        var (report, meter) = Measure(rate, 2, ToneSegment.Uniform(20, -33));
        Assert.Equal(-33.0, report.IntegratedLufs, LoudnessTolerance);
        Assert.Equal(-33.0, meter.MomentaryLufs, LoudnessTolerance);
        Assert.Equal(-33.0, meter.ShortTermLufs, LoudnessTolerance);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case3_RelativeGateRemovesQuietParts_IntegratedMinus23(int rate)
    {
        var (report, _) = Measure(rate, 2, ToneSegment.Uniform(10, -36), ToneSegment.Uniform(60, -23), ToneSegment.Uniform(10, -36));
        Assert.Equal(-23.0, report.IntegratedLufs, LoudnessTolerance);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case4_BothGates_IntegratedMinus23(int rate)
    {
        var (report, _) = Measure(rate, 2,
            ToneSegment.Uniform(10, -72), ToneSegment.Uniform(10, -36), ToneSegment.Uniform(60, -23),
            ToneSegment.Uniform(10, -36), ToneSegment.Uniform(10, -72));
        Assert.Equal(-23.0, report.IntegratedLufs, LoudnessTolerance);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case5_LouderMiddle_IntegratedMinus23(int rate)
    {
        var (report, _) = Measure(rate, 2, ToneSegment.Uniform(20, -26), ToneSegment.Uniform(20.1, -20), ToneSegment.Uniform(20, -26));
        Assert.Equal(-23.0, report.IntegratedLufs, LoudnessTolerance);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case6_FiveChannelsWithSurroundWeights_IntegratedMinus23(int rate)
    {
        var segment = new ToneSegment(20, [-28.0, -28.0, -24.0, -30.0, -30.0]);
        var (report, _) = Measure(rate, 5, segment);
        Assert.Equal(-23.0, report.IntegratedLufs, LoudnessTolerance);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case9_AlternatingBursts_ShortTermConstantMinus23After3Seconds(int rate)
    {
        var segments = new List<ToneSegment>();
        for (var i = 0; i < 5; i++)
        {
            segments.Add(ToneSegment.Uniform(1.34, -20));
            segments.Add(ToneSegment.Uniform(1.66, -30));
        }

        var (_, meter) = Measure(rate, 2, segments.ToArray());
        var readings = meter.Series().Where(p => p.TimeSeconds >= 3.0 - 1e-9).ToList();
        Assert.NotEmpty(readings);
        Assert.All(readings, p => Assert.Equal(-23.0, p.ShortTermLufs, LoudnessTolerance));
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case12_ShortBursts_MomentaryConstantMinus23(int rate)
    {
        var segments = new List<ToneSegment>();
        for (var i = 0; i < 25; i++)
        {
            segments.Add(ToneSegment.Uniform(0.18, -20));
            segments.Add(ToneSegment.Uniform(0.22, -30));
        }

        var (_, meter) = Measure(rate, 2, segments.ToArray());
        var readings = meter.Series().Where(p => p.TimeSeconds >= 0.4 - 1e-9).ToList();
        Assert.True(readings.Count > 90);
        Assert.All(readings, p => Assert.Equal(-23.0, p.MomentaryLufs, LoudnessTolerance));
    }

    [Theory]
    [InlineData(44_100, 4.0, 0.0, -6.0)]
    [InlineData(44_100, 4.0, 45.0, -6.0)]
    [InlineData(44_100, 6.0, 60.0, -6.0)]
    [InlineData(44_100, 8.0, 67.5, -6.0)]
    [InlineData(48_000, 4.0, 0.0, -6.0)]
    [InlineData(48_000, 4.0, 45.0, -6.0)]
    [InlineData(48_000, 6.0, 60.0, -6.0)]
    [InlineData(48_000, 8.0, 67.5, -6.0)]
    [InlineData(96_000, 4.0, 0.0, -6.0)]
    [InlineData(96_000, 4.0, 45.0, -6.0)]
    [InlineData(96_000, 6.0, 60.0, -6.0)]
    [InlineData(96_000, 8.0, 67.5, -6.0)]
    public void Cases15To18_HalfScaleSinesBetweenSamples_TruePeakMinus6(int rate, double divisor, double phaseDegrees, double expected)
    {
        var report = MeasureFaded(rate, ToneSegment.Uniform(5, Decibels.FromAmplitude(0.5), 2, rate / divisor, phaseDegrees));
        AssertTruePeak(expected, report.TruePeakDbtp);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case19_QuarterRateSineAt45Degrees_TruePeakPlus3(int rate)
    {
        // Sample values reach 0 dBFS; the waveform between them peaks at sqrt(2), +3.01 dBTP.
        var report = MeasureFaded(rate, ToneSegment.Uniform(5, Decibels.FromAmplitude(Math.Sqrt(2.0)), 2, rate / 4.0, 45.0));
        Assert.Equal(0.0, report.SamplePeakDbfs, 0.01);
        AssertTruePeak(3.0, report.TruePeakDbtp);
    }

    internal static void AssertTruePeak(double expected, double measured)
    {
        Assert.InRange(measured, expected - 0.4, expected + 0.2);
    }

    [Theory]
    [InlineData(4.0, 0.0)]
    [InlineData(4.0, 45.0)]
    [InlineData(6.0, 60.0)]
    [InlineData(8.0, 67.5)]
    public void TruePeakCases_AgreeWithLibebur128_Within0Point1Db(double divisor, double phaseDegrees)
    {
        // Unfaded on purpose: the onset rings in both interpolators, and they must ring alike.
        const int rate = 48_000;
        var meter = new LoudnessMeter();
        meter.Prepare(new AudioSpec(rate, 2, 4096));
        using var reference = new ReferenceMeter(rate, 2);
        new ToneProgram(rate, 2, [ToneSegment.Uniform(2, Decibels.FromAmplitude(0.5), 2, rate / divisor, phaseDegrees)]).Generate(block =>
        {
            meter.Add(block);
            reference.Add(block);
        });
        Assert.Equal(reference.Result().TruePeakDbtp, meter.GetReport().TruePeakDbtp, 0.1);
    }

    private static LoudnessReport MeasureFaded(int rate, ToneSegment segment)
    {
        var meter = new LoudnessMeter();
        meter.Prepare(new AudioSpec(rate, 2, 4096));
        new ToneProgram(rate, 2, [segment], fadeSeconds: 0.05).Generate(meter.Add);
        return meter.GetReport();
    }

    internal static (LoudnessReport Report, LoudnessMeter Meter) Measure(int rate, int channels, params ToneSegment[] segments)
    {
        var meter = new LoudnessMeter();
        meter.Prepare(new AudioSpec(rate, channels, 4096));
        new ToneProgram(rate, channels, segments).Generate(meter.Add);
        return (meter.GetReport(), meter);
    }
}
