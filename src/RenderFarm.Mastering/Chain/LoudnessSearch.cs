using System.Globalization;

namespace RenderFarm.Mastering.Chain;

/// <summary>
/// Finds the loudness gain before the limiter: from the model of the limiter built in the first pass (a secant
/// search), within the dynamics floor (a peak-to-loudness ratio caps the level; a loudness-range floor is kept by
/// halving the level over real limiter passes).
/// </summary>
internal sealed class LoudnessSearch(Profiles.MasteringProfile profile)
{
    /// <summary>Passes through the limiter at most (the delivering one, and those repeated because the model missed).</summary>
    public const int MaxLimiterPasses = 8;

    /// <summary>How far under the loudness-range floor a master may measure and still keep it.</summary>
    public const double LraTolerance = 0.1;

    /// <summary>The most gain the job applies (more: the input is not what it should be).</summary>
    public const double MaxGainDb = 40.0;

    private Profiles.MasteringProfile Profile { get; } = profile;

    /// <summary>What the limiter's model predicts the master's loudness at <paramref name="gainDb"/>.</summary>
    public double Predict(InputPass input, double gainDb) => input.Model.Predict(gainDb, Profile.Chain.Limiter with { CeilingDbtp = Profile.CeilingDbtp });

    /// <summary>The true peak the limiter holds a master at: the profile's ceiling less the limiter's safety margin.</summary>
    public double HeldCeilingDbtp => Profile.CeilingDbtp - Profile.Chain.Limiter.SafetyMarginDb;

    /// <summary>The gain to deliver with first: what reaches <paramref name="aim"/> without limiting, or the model's answer where limiting is needed (and what a dynamics floor allows).</summary>
    public GainSearch FindGain(InputPass input, double? aim)
    {
        var pre = input.PreLimiter;
        var ceiling = HeldCeilingDbtp;
        if (!double.IsFinite(pre.IntegratedLufs))
        {
            return new GainSearch(0, null, 0, "the mix is silent (below the -70 LUFS gate): nothing to normalise");
        }

        if (aim is not { } target)
        {
            // No loudness target (a CD master): keep the level, the limiter only holds the ceiling.
            return new GainSearch(0, null, 0, null);
        }

        var unlimited = target - pre.IntegratedLufs;
        string? note = null;
        var aimed = target;
        if (Math.Abs(unlimited) > MaxGainDb)
        {
            return new GainSearch(0, null, 0, string.Create(CultureInfo.InvariantCulture,
                $"the mix is {pre.IntegratedLufs:0.0} LUFS, {Math.Abs(unlimited):0} dB from the {target:0.0} LUFS target: more than the {MaxGainDb:0} dB the job will apply; check the input"));
        }

        if (pre.TruePeakDbtp + unlimited <= ceiling)
        {
            return new GainSearch(unlimited, aimed, 0, null);
        }

        // Limiting is needed. The dynamics floor may cap how loud the master can be pushed: the limiter holds
        // the peaks at the ceiling less its safety margin, so that is the peak the ratio is counted from.
        if (Profile.Floor.MinPlrDb is { } minPlr && target > ceiling - minPlr)
        {
            aimed = Math.Max(ceiling - minPlr, pre.IntegratedLufs + (ceiling - pre.TruePeakDbtp));
            note = string.Create(CultureInfo.InvariantCulture,
                $"the dynamics floor decided the level: reaching {target:0.0} LUFS would leave a peak-to-loudness ratio under {minPlr:0.0} dB, so the master aims for {aimed:0.00} LUFS");
        }

        // The model of the limiter finds the gain; the final pass measures the truth and, if the model
        // missed, a corrected step is delivered again.
        var gainDb = SolveModel(input.Model, aimed, aimed - pre.IntegratedLufs, offset: 0);
        return new GainSearch(gainDb, aimed, 0, note, (gainDb, 0));
    }

    // The limiter took the loudness range under the floor: find, by halving, the loudest level whose master
    // keeps it (no louder than the chain's output pushed to the ceiling without limiting, which keeps the
    // chain's own range), and deliver that one last.
    public (GainSearch, FinalPassResult) KeepRangeFloor(InputPass input, GainSearch search, FinalPassResult final, double pushed, double minLra, Func<double, FinalPassResult> deliver)
    {
        var pre = input.PreLimiter;
        var rangeAtTarget = final.Output.LoudnessRangeLu;
        var unlimited = pre.IntegratedLufs + (HeldCeilingDbtp - pre.TruePeakDbtp);
        if (pushed <= unlimited)
        {
            // The target needs no limiting: the range is the mix's (after the chain), which no level changes.
            return (search, final);
        }

        if (pre.LoudnessRangeLu < minLra)
        {
            // No level keeps a range the chain already took under the floor; the limiter must not take more:
            // the master goes no louder than the chain's output brought to the ceiling without limiting.
            var gain = unlimited - pre.IntegratedLufs;
            var pass = deliver(gain);
            var note = string.Create(CultureInfo.InvariantCulture,
                $"the dynamics floor decided the level: the mix's loudness range after the chain is {pre.LoudnessRangeLu:0.0} LU, already under the {minLra:0.0} LU floor, so the master is not limited into less ({pass.Output.IntegratedLufs:0.00} LUFS with {pass.Output.LoudnessRangeLu:0.0} LU; {pushed:0.0} LUFS would leave {rangeAtTarget:0.0} LU)");
            return (search with { GainDb = gain, AimedLufs = pass.Output.IntegratedLufs, Previous = null, Note = note }, pass);
        }

        var (low, high) = (unlimited, pushed);
        (double Gain, FinalPassResult Pass)? kept = null;
        var last = final;
        for (var step = 0; step < MaxLimiterPasses && high - low > 0.1; step++)
        {
            var middle = (low + high) / 2;
            var gain = SolveModel(input.Model, middle, middle - pre.IntegratedLufs, offset: 0);
            last = deliver(gain);
            if (last.Output.LoudnessRangeLu >= minLra - LraTolerance)
            {
                (low, kept) = (middle, (gain, last));
            }
            else
            {
                high = middle;
            }
        }

        if (kept is not { } good)
        {
            var gain = low - pre.IntegratedLufs;
            good = (gain, deliver(gain));
        }
        else if (!ReferenceEquals(good.Pass, last))
        {
            good = (good.Gain, deliver(good.Gain));
        }

        var level = good.Pass.Output.IntegratedLufs;
        return (search with
        {
            GainDb = good.Gain,
            AimedLufs = level,
            Previous = null,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"the dynamics floor decided the level: {pushed:0.0} LUFS would leave a loudness range of {rangeAtTarget:0.0} LU, under the {minLra:0.0} LU floor, so the master is {level:0.00} LUFS with {good.Pass.Output.LoudnessRangeLu:0.0} LU"),
        }, good.Pass);
    }

    /// <summary>The gain at which the limiter's model (shifted by <paramref name="offset"/>, what it got wrong where it was measured) gives <paramref name="aimed"/>; a secant search from <paramref name="start"/>.</summary>
    public double SolveModel(LimiterModel model, double aimed, double start, double offset)
    {
        var limiter = Profile.Chain.Limiter with { CeilingDbtp = Profile.CeilingDbtp };
        double Error(double g) => model.Predict(g, limiter) + offset - aimed;
        var a = start;
        var errorA = Error(a);
        if (Math.Abs(errorA) <= 0.002)
        {
            return a;
        }

        var b = a - errorA;
        var errorB = Error(b);
        for (var i = 0; i < 12 && Math.Abs(errorB) > 0.002 && errorB != errorA; i++)
        {
            var slope = Math.Max(0.05, (errorB - errorA) / (b - a));
            var c = Math.Clamp(b - (errorB / slope), Math.Min(start, MaxGainDb) - 12, MaxGainDb);
            (a, errorA) = (b, errorB);
            b = c;
            errorB = Error(b);
        }

        return b;
    }
}
