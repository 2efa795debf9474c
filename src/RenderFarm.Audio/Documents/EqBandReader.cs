using RenderFarm.Dsp.Filters;

namespace RenderFarm.Audio.Documents;

/// <summary>Reads an equaliser band (<c>type</c>, <c>frequency_hz</c>, <c>q</c>, <c>gain_db</c>) of a profile or a session.</summary>
public static class EqBandReader
{
    public static readonly IReadOnlyDictionary<string, BiquadKind> Kinds = new Dictionary<string, BiquadKind>(StringComparer.Ordinal)
    {
        ["high_pass"] = BiquadKind.HighPass,
        ["low_pass"] = BiquadKind.LowPass,
        ["peaking"] = BiquadKind.Peaking,
        ["low_shelf"] = BiquadKind.LowShelf,
        ["high_shelf"] = BiquadKind.HighShelf,
        ["notch"] = BiquadKind.Notch,
        ["band_pass"] = BiquadKind.BandPass,
    };

    public static EqBand Read(JsonObjectReader o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var type = o.Choice("type", [.. Kinds.Keys]) ?? throw o.Error(o.Field("type"), "is required: accepted " + string.Join(", ", Kinds.Keys));
        var kind = Kinds[type];
        var band = new EqBand(
            kind,
            o.Number("frequency_hz", 10, 40_000, "Hz") ?? throw o.Error(o.Field("frequency_hz"), "is required"),
            o.Number("q", BiquadDesign.MinQ, BiquadDesign.MaxQ) ?? 0.7071,
            o.Number("gain_db", -BiquadDesign.MaxGainDb, BiquadDesign.MaxGainDb, "dB") ?? 0);
        if (band.GainDb != 0 && !HasGain(kind))
        {
            throw o.Error(o.Field("gain_db"), $"a {type} band has no gain: accepted only for peaking, low_shelf and high_shelf");
        }

        o.NoOtherFields();
        return band;
    }

    public static bool HasGain(BiquadKind kind) => kind is BiquadKind.Peaking or BiquadKind.LowShelf or BiquadKind.HighShelf;
}
