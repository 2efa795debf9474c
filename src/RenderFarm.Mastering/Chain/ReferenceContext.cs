using RenderFarm.Dsp.Filters;

namespace RenderFarm.Mastering.Chain;

/// <summary>A reference's measurement and the correction towards it.</summary>
internal sealed record ReferenceContext(ReferenceTrack Track, double Lufs, IReadOnlyList<double> Centres, double[] Curve, IReadOnlyList<EqBand> Filters, double[] Spectrum, double DistanceBefore);
