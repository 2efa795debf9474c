namespace RenderFarm.Host.Security;

/// <summary>A script's sign-in: an account's password exchanged for an API token.</summary>
public sealed record TokenSignIn(string? Account, string? Password, string? Label, double? Days);
