using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Metering;

/// <summary>The synthesisable loudness-range cases of EBU Tech 3342; a compliant meter reads within +-1 LU.</summary>
public sealed class EbuTech3342Tests
{
    private const double RangeTolerance = 1.0;

    public static TheoryData<int> Rates => [44_100, 48_000, 96_000];

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case1_Minus20ThenMinus30_Range10(int rate) =>
        AssertRange(rate, 10.0, ToneSegment.Uniform(20, -20), ToneSegment.Uniform(20, -30));

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case2_Minus20ThenMinus15_Range5(int rate) =>
        AssertRange(rate, 5.0, ToneSegment.Uniform(20, -20), ToneSegment.Uniform(20, -15));

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case3_Minus40ThenMinus20_Range20(int rate) =>
        AssertRange(rate, 20.0, ToneSegment.Uniform(20, -40), ToneSegment.Uniform(20, -20));

    [Theory]
    [MemberData(nameof(Rates))]
    public void Case4_FiveSteps_Range15(int rate) =>
        AssertRange(rate, 15.0,
            ToneSegment.Uniform(20, -50), ToneSegment.Uniform(20, -35), ToneSegment.Uniform(20, -20),
            ToneSegment.Uniform(20, -35), ToneSegment.Uniform(20, -50));

    private static void AssertRange(int rate, double expected, params ToneSegment[] segments)
    {
        var (report, _) = EbuTech3341Tests.Measure(rate, 2, segments);
        Assert.Equal(expected, report.LoudnessRangeLu, RangeTolerance);
    }
}
