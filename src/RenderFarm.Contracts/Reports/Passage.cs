namespace RenderFarm.Contracts.Reports;

/// <summary>A stretch of a recording, from <see cref="StartS"/> to <see cref="EndS"/> seconds.</summary>
public sealed record Passage(double StartS, double EndS);
