using RenderFarm.Dsp;
using RenderFarm.Dsp.Effects;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A saturation insert (<see cref="Saturation"/>).</summary>
public sealed record SaturationInsert(SaturationSettings Settings) : SettingsInsert<SaturationSettings>(Settings)
{
    private static readonly SettingField<SaturationSettings>[] AllFields =
    [
        new("drive_db", s => s.DriveDb, (s, v) => s with { DriveDb = v }),
        new("mix", s => s.Mix, (s, v) => s with { Mix = v }),
        new("output_db", s => s.OutputDb, (s, v) => s with { OutputDb = v }),
    ];

    public override string Type => "saturation";

    public override IReadOnlyList<SettingField<SaturationSettings>> Fields => AllFields;

    public override IAudioProcessor CreateProcessor() => new Saturation(Settings);

    protected override void Update(IAudioProcessor processor) => ((Saturation)processor).Update(Settings);
}
