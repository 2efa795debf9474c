using RenderFarm.Dsp;
using RenderFarm.Dsp.Dynamics;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A compressor insert (<see cref="Compressor"/>).</summary>
public sealed record CompressorInsert(CompressorSettings Settings) : SettingsInsert<CompressorSettings>(Settings)
{
    private static readonly SettingField<CompressorSettings>[] AllFields =
    [
        new("threshold_db", s => s.ThresholdDb, (s, v) => s with { ThresholdDb = v }),
        new("ratio", s => s.Ratio, (s, v) => s with { Ratio = v }),
        new("knee_db", s => s.KneeDb, (s, v) => s with { KneeDb = v }),
        new("attack_ms", s => s.AttackMs, (s, v) => s with { AttackMs = v }),
        new("release_ms", s => s.ReleaseMs, (s, v) => s with { ReleaseMs = v }),
        new("makeup_db", s => s.MakeupDb, (s, v) => s with { MakeupDb = v }),
    ];

    public override string Type => "compressor";

    public override IReadOnlyList<SettingField<CompressorSettings>> Fields => AllFields;

    public override double TailSeconds => Settings.ReleaseMs * 0.001;

    public override IAudioProcessor CreateProcessor() => new Compressor(Settings);

    protected override void Update(IAudioProcessor processor) => ((Compressor)processor).Update(Settings);
}
