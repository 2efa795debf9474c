using RenderFarm.Dsp;
using RenderFarm.Dsp.Effects;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A reverb insert (<see cref="Reverb"/>); its size is fixed, the rest can be automated.</summary>
public sealed record ReverbInsert(ReverbSettings Settings) : SettingsInsert<ReverbSettings>(Settings)
{
    private static readonly SettingField<ReverbSettings>[] AllFields =
    [
        new("predelay_ms", s => s.PreDelayMs, (s, v) => s with { PreDelayMs = v }),
        new("decay_s", s => s.DecaySeconds, (s, v) => s with { DecaySeconds = v }),
        new("damping", s => s.Damping, (s, v) => s with { Damping = v }),
        new("size", s => s.Size, (s, v) => s with { Size = v }),
        new("mix", s => s.Mix, (s, v) => s with { Mix = v }),
    ];

    public override string Type => "reverb";

    public override IReadOnlyList<SettingField<ReverbSettings>> Fields => AllFields;

    public override double TailSeconds => Settings.TailSeconds;

    public override IAudioProcessor CreateProcessor() => new Reverb(Settings);

    protected override void Update(IAudioProcessor processor) => ((Reverb)processor).Update(Settings);
}
