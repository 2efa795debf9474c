namespace RenderFarm.Host.Security;

/// <summary>A new password; <see cref="Current"/> is needed to change one's own (not for an admin).</summary>
public sealed record PasswordChange(string? Password, string? Current = null);
