using System.Globalization;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dsp.Filters;
using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Chain;

/// <summary>The chain that ran, stage by stage in signal order, with its settings and what each stage did, for the report.</summary>
public static class ChainDescription
{
    public static IReadOnlyList<ChainStage> Build(MasteringReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var chain = r.Chain ?? new ChainSettings();
        var stages = new List<ChainStage>
        {
            Stage("input gain", Db(chain.InputGainDb), null),
            Stage("eq", chain.Eq.Count == 0 ? "flat" : string.Join("; ", chain.Eq.Select(Band)), null),
        };
        if (chain.Multiband is { } mb)
        {
            var bands = mb.Bands.Select((b, i) => I($"band {i + 1}: {b.ThresholdDb:0.#} dB, {b.Ratio:0.##}:1, attack {b.AttackMs:0.#} ms, release {b.ReleaseMs:0.#} ms"));
            stages.Add(Stage("multiband compressor", $"crossovers {string.Join(" / ", mb.CrossoversHz.Select(f => I($"{f:0.#}")))} Hz; {string.Join("; ", bands)}",
                r.MultibandMaxGainReductionDb.Count == 0 ? null : $"most gain reduction {string.Join(" / ", r.MultibandMaxGainReductionDb.Select(v => I($"{v:0.0#}")))} dB"));
        }

        if (chain.Stereo is { } width)
        {
            stages.Add(Stage("stereo width", I($"width {width.Width:0.##}{(width.MonoBelowHz is { } f ? $", mono below {f:0.#} Hz" : null)}"), null));
        }

        stages.Add(Stage("loudness gain", Db(r.GainDb), r.AimedLufs is { } aimed ? I($"aimed for {aimed:0.0#} LUFS") : "level kept (no loudness target)"));
        stages.Add(Stage("true-peak limiter", I($"ceiling {r.CeilingDbtp:0.0#} dBTP, look-ahead {chain.Limiter.LookaheadMs:0.#} ms, release {chain.Limiter.ReleaseMs:0.#} ms"),
            I($"most gain reduction {r.LimiterMaxGainReductionDb:0.0#} dB, limiting for {r.LimitedSeconds:0.0#} s, {r.LimiterPasses} pass{(r.LimiterPasses == 1 ? null : "es")}")));
        return stages;
    }

    private static ChainStage Stage(string stage, string settings, string? result) => new() { Stage = stage, Settings = settings, Result = result };

    private static string Band(EqBand b) => b.Kind switch
    {
        BiquadKind.HighPass or BiquadKind.LowPass => I($"{Kind(b.Kind)} {b.FrequencyHz:0.#} Hz, Q {b.Q:0.##}"),
        _ => I($"{Kind(b.Kind)} {b.FrequencyHz:0.#} Hz {b.GainDb:+0.0#;-0.0#;0} dB, Q {b.Q:0.##}"),
    };

    private static string Kind(BiquadKind kind) => kind switch
    {
        BiquadKind.HighPass => "high-pass",
        BiquadKind.LowPass => "low-pass",
        BiquadKind.LowShelf => "low shelf",
        BiquadKind.HighShelf => "high shelf",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Db(double db) => I($"{db:+0.0#;-0.0#;0.0} dB");

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
