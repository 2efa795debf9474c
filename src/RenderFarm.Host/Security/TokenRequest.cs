namespace RenderFarm.Host.Security;

/// <summary>A token for the caller (or, for an admin, for <see cref="Account"/>).</summary>
public sealed record TokenRequest(string? Label, double? Days, string? Account);
