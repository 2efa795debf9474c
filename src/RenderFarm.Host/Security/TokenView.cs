using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>A token as the API shows it: its id and whose it is; the secret only once, in <see cref="Token"/>, when made.</summary>
public sealed record TokenView(string Id, string Account, string Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Token = null)
{
    public static TokenView Of(ApiToken token, string? text = null) => new(token.Id, token.Account, token.Label, token.CreatedAt, token.ExpiresAt, text);
}
