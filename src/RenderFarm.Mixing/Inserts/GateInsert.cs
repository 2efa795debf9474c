using RenderFarm.Dsp;
using RenderFarm.Dsp.Dynamics;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A gate or expander insert (<see cref="Gate"/>).</summary>
public sealed record GateInsert(GateSettings Settings) : SettingsInsert<GateSettings>(Settings)
{
    private static readonly SettingField<GateSettings>[] AllFields =
    [
        new("threshold_db", s => s.ThresholdDb, (s, v) => s with { ThresholdDb = v }),
        new("ratio", s => s.Ratio, (s, v) => s with { Ratio = v }),
        new("range_db", s => s.RangeDb, (s, v) => s with { RangeDb = v }),
        new("attack_ms", s => s.AttackMs, (s, v) => s with { AttackMs = v }),
        new("hold_ms", s => s.HoldMs, (s, v) => s with { HoldMs = v }),
        new("release_ms", s => s.ReleaseMs, (s, v) => s with { ReleaseMs = v }),
    ];

    public override string Type => "gate";

    public override IReadOnlyList<SettingField<GateSettings>> Fields => AllFields;

    public override IAudioProcessor CreateProcessor() => new Gate(Settings);

    protected override void Update(IAudioProcessor processor) => ((Gate)processor).Update(Settings);
}
