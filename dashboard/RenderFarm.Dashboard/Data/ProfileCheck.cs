namespace RenderFarm.Dashboard.Data;

/// <summary>A profile document checked: valid (with the path it was saved under, if saved) or the field at fault and why.</summary>
public sealed record ProfileCheck(bool Valid, string? Field, string? Message, string? SavedPath = null, string? Target = null, IReadOnlyList<string>? Deliverables = null);
