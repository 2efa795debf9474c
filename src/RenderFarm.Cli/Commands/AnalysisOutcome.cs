using RenderFarm.Audio.Analysis;

namespace RenderFarm.Cli.Commands;

/// <summary>One file's analysis, or why it could not be analysed.</summary>
internal sealed record AnalysisOutcome(string File, FileAnalysis? Analysis, string? Error);
