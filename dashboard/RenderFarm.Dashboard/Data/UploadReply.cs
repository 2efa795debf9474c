using System.Text.Json;

namespace RenderFarm.Dashboard.Data;

/// <summary>The host's answer to an upload: the folder and files made, or the field it refused and why (a problem document).</summary>
public sealed record UploadReply(string? Folder, IReadOnlyList<JsonElement>? Files, string? Field, string? Detail)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Reads an answer's body (an empty one reads as nothing said).</summary>
    public static UploadReply Read(string? body) =>
        string.IsNullOrEmpty(body) ? new UploadReply(null, null, null, null) : JsonSerializer.Deserialize<UploadReply>(body, Web) ?? new UploadReply(null, null, null, null);
}
