namespace RenderFarm.Dashboard.Data;

/// <summary>What the submit page asks for: a name, sources in the media root, a profile and a priority.</summary>
public sealed record SubmitRequest(string Name, IReadOnlyList<string> Sources, string Profile, int Priority);
