using RenderFarm.Dsp;
using RenderFarm.Dsp.Effects;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A chorus insert (<see cref="Chorus"/>).</summary>
public sealed record ChorusInsert(ChorusSettings Settings) : SettingsInsert<ChorusSettings>(Settings)
{
    private static readonly SettingField<ChorusSettings>[] AllFields =
    [
        new("rate_hz", s => s.RateHz, (s, v) => s with { RateHz = v }),
        new("depth_ms", s => s.DepthMs, (s, v) => s with { DepthMs = v }),
        new("delay_ms", s => s.DelayMs, (s, v) => s with { DelayMs = v }),
        new("voices", s => s.Voices, (s, v) => s with { Voices = (int)Math.Round(v) }),
        new("spread", s => s.Spread, (s, v) => s with { Spread = v }),
        new("mix", s => s.Mix, (s, v) => s with { Mix = v }),
    ];

    public override string Type => "chorus";

    public override IReadOnlyList<SettingField<ChorusSettings>> Fields => AllFields;

    public override double TailSeconds => Settings.TailSeconds;

    public override IAudioProcessor CreateProcessor() => new Chorus(Settings);

    protected override void Update(IAudioProcessor processor) => ((Chorus)processor).Update(Settings);
}
