using System.Globalization;
using RenderFarm.Audio.Documents;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Filters;

namespace RenderFarm.Mixing.Inserts;

/// <summary>A parametric equaliser insert (<see cref="ParametricEq"/>); each band's frequency, Q and (where it has one) gain can be automated.</summary>
public sealed record EqInsert(IReadOnlyList<EqBand> Bands) : InsertSpec
{
    public override string Type => "eq";

    public override IReadOnlyList<string> Parameters =>
        [.. Bands.SelectMany((b, i) => EqBandReader.HasGain(b.Kind)
            ? new[] { Name(i, "frequency_hz"), Name(i, "q"), Name(i, "gain_db") }
            : [Name(i, "frequency_hz"), Name(i, "q")])];

    public override double ValueOf(string parameter)
    {
        var (band, field) = Parse(parameter);
        var b = Bands[band];
        return field switch
        {
            "frequency_hz" => b.FrequencyHz,
            "q" => b.Q,
            _ => b.GainDb,
        };
    }

    public override InsertSpec Changed(string parameter, double value)
    {
        var (band, field) = Parse(parameter);
        var bands = Bands.ToArray();
        bands[band] = field switch
        {
            "frequency_hz" => bands[band] with { FrequencyHz = value },
            "q" => bands[band] with { Q = value },
            _ => bands[band] with { GainDb = value },
        };
        return this with { Bands = bands };
    }

    public override IAudioProcessor CreateProcessor() => new ParametricEq(Bands);

    public override string SettingsJson() => System.Text.Json.JsonSerializer.Serialize(Bands);

    public override void Apply(IAudioProcessor processor) => ((ParametricEq)processor).Update(Bands);

    private static string Name(int band, string field) => string.Create(CultureInfo.InvariantCulture, $"bands[{band}].{field}");

    private (int Band, string Field) Parse(string parameter)
    {
        if (!Parameters.Contains(parameter, StringComparer.Ordinal))
        {
            throw new ArgumentException($"an eq has no setting '{parameter}': accepted {string.Join(", ", Parameters)}", nameof(parameter));
        }

        var close = parameter.IndexOf(']', StringComparison.Ordinal);
        return (int.Parse(parameter.AsSpan(6, close - 6), CultureInfo.InvariantCulture), parameter[(close + 2)..]);
    }
}
