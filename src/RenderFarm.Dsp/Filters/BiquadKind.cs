namespace RenderFarm.Dsp.Filters;

/// <summary>The RBJ cookbook filter shapes.</summary>
public enum BiquadKind
{
    LowPass,
    HighPass,
    BandPass,
    Notch,
    AllPass,
    Peaking,
    LowShelf,
    HighShelf,
}
