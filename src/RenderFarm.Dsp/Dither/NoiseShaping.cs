namespace RenderFarm.Dsp.Dither;

/// <summary>What the requantisation error is filtered by before it reaches the output.</summary>
public enum NoiseShaping
{
    /// <summary>Flat TPDF noise: the transparent default.</summary>
    None,

    /// <summary>
    /// The 3-tap F-weighted error filter of Wannamaker (1992) for 44.1/48 kHz: less noise where the ear
    /// is most sensitive (2-5 kHz), more above 15 kHz.
    /// </summary>
    FWeighted,
}
