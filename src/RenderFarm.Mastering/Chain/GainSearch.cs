namespace RenderFarm.Mastering.Chain;

/// <summary>The gain to deliver with; <paramref name="Previous"/> is the last measured point when the gain is still a prediction.</summary>
internal sealed record GainSearch(double GainDb, double? AimedLufs, int Passes, string? Note, (double Gain, double Error)? Previous = null);
