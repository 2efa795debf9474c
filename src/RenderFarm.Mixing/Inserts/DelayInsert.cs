using RenderFarm.Dsp;
using RenderFarm.Dsp.Effects;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A delay insert (<see cref="Delay"/>), timed in milliseconds or by a note value at the session's tempo.</summary>
public sealed record DelayInsert(DelaySettings Settings) : SettingsInsert<DelaySettings>(Settings)
{
    private static readonly SettingField<DelaySettings>[] AllFields =
    [
        new("time_ms", s => s.TimeMs, (s, v) => s with { TimeMs = v }),
        new("feedback", s => s.Feedback, (s, v) => s with { Feedback = v }),
        new("high_cut_hz", s => s.HighCutHz, (s, v) => s with { HighCutHz = v }),
        new("mix", s => s.Mix, (s, v) => s with { Mix = v }),
    ];

    public override string Type => "delay";

    public override IReadOnlyList<SettingField<DelaySettings>> Fields => AllFields;

    public override double TailSeconds => Settings.TailSeconds;

    public override IAudioProcessor CreateProcessor() => new Delay(Settings);

    protected override void Update(IAudioProcessor processor) => ((Delay)processor).Update(Settings);
}
