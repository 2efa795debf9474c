using RenderFarm.Dsp;

namespace RenderFarm.Mixing.Inserts;

/// <summary>An insert whose settings are one record of numeric fields, every one of them automatable.</summary>
public abstract record SettingsInsert<TSettings>(TSettings Settings) : InsertSpec
{
    /// <summary>The settings by their session names.</summary>
    public abstract IReadOnlyList<SettingField<TSettings>> Fields { get; }

    public override IReadOnlyList<string> Parameters => [.. Fields.Select(f => f.Name)];

    public override double ValueOf(string parameter) => Field(parameter).Get(Settings);

    public override InsertSpec Changed(string parameter, double value) => this with { Settings = Field(parameter).Set(Settings, value) };

    private SettingField<TSettings> Field(string parameter) =>
        Fields.FirstOrDefault(f => f.Name == parameter) ?? throw new ArgumentException($"a {Type} has no setting '{parameter}': accepted {string.Join(", ", Parameters)}", nameof(parameter));

    public override void Apply(IAudioProcessor processor) => Update(processor);

    public override string SettingsJson() => System.Text.Json.JsonSerializer.Serialize(Settings);

    /// <summary>Hands the settings to the processor.</summary>
    protected abstract void Update(IAudioProcessor processor);
}
