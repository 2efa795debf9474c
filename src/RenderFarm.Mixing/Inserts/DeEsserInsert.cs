using RenderFarm.Dsp;
using RenderFarm.Dsp.Dynamics;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A de-esser insert (<see cref="DeEsser"/>).</summary>
public sealed record DeEsserInsert(DeEsserSettings Settings) : SettingsInsert<DeEsserSettings>(Settings)
{
    private static readonly SettingField<DeEsserSettings>[] AllFields =
    [
        new("frequency_hz", s => s.FrequencyHz, (s, v) => s with { FrequencyHz = v }),
        new("threshold_db", s => s.ThresholdDb, (s, v) => s with { ThresholdDb = v }),
        new("ratio", s => s.Ratio, (s, v) => s with { Ratio = v }),
        new("max_reduction_db", s => s.MaxReductionDb, (s, v) => s with { MaxReductionDb = v }),
        new("attack_ms", s => s.AttackMs, (s, v) => s with { AttackMs = v }),
        new("release_ms", s => s.ReleaseMs, (s, v) => s with { ReleaseMs = v }),
    ];

    public override string Type => "de_esser";

    public override IReadOnlyList<SettingField<DeEsserSettings>> Fields => AllFields;

    public override IAudioProcessor CreateProcessor() => new DeEsser(Settings);

    protected override void Update(IAudioProcessor processor) => ((DeEsser)processor).Update(Settings);
}
