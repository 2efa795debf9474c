using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>A new account (admins only).</summary>
public sealed record AccountRequest(string? Name, Role? Role, string? Client, string? Password);
