using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderFarm.Dashboard.Data;

/// <summary>
/// A profile document being edited: the form reads and writes its fields by path (<c>chain.limiter.release_ms</c>,
/// <c>deliverables[1].bit_depth</c>: the checker's error paths without the leading <c>$.</c>);
/// fields the form does not show (QC settings, multiband bands, metadata) are kept as they are.
/// </summary>
public sealed class ProfileDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public ProfileDocument(string json)
    {
        Root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }) as JsonObject
            ?? throw new JsonException("a profile is a JSON object");
    }

    private JsonObject Root { get; }

    public string Json => Root.ToJsonString(Indented);

    /// <summary>The target's name when it is a built-in one; null for a custom target object.</summary>
    public string? TargetName => Root["target"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;

    public bool CustomTarget => Root["target"] is JsonObject;

    public JsonArray Eq => Array("chain.eq");

    public JsonArray Deliverables => Array("deliverables");

    public double? Number(string path) => Node(path) is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    public string? Text(string path) => Node(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool Has(string path) => Node(path) is not null || IsNull(path);

    public bool IsNull(string path)
    {
        var (parent, name) = Parent(path, create: false);
        return parent is not null && parent.TryGetPropertyValue(name, out var node) && node is null;
    }

    /// <summary>Sets a field; null removes it (the loader's default applies).</summary>
    public void Set(string path, JsonNode? value)
    {
        var (parent, name) = Parent(path, create: value is not null);
        if (parent is null)
        {
            return;
        }

        if (value is null)
        {
            parent.Remove(name);
        }
        else
        {
            parent[name] = value;
        }
    }

    /// <summary>Sets a field to JSON null (not the same as absent: <c>"multiband": null</c> turns it off).</summary>
    public void SetNull(string path)
    {
        var (parent, name) = Parent(path, create: true);
        parent![name] = null;
    }

    public void SetNumber(string path, double? value) => Set(path, value is { } v ? JsonValue.Create(v) : null);

    public void SetText(string path, string? value) => Set(path, string.IsNullOrEmpty(value) ? null : JsonValue.Create(value));

    /// <summary>Makes the target a built-in one by name, or a custom object based on the one it was.</summary>
    public void UseTarget(string? builtIn)
    {
        if (builtIn is not null)
        {
            Root["target"] = builtIn;
        }
        else if (!CustomTarget)
        {
            Root["target"] = new JsonObject { ["name"] = "custom", ["based_on"] = TargetName ?? "spotify" };
        }
    }

    private JsonArray Array(string path)
    {
        if (Node(path) is JsonArray existing)
        {
            return existing;
        }

        var created = new JsonArray();
        Set(path, created);
        return created;
    }

    // A path is dot-separated names, each optionally indexed: chain.eq[0].frequency_hz.
    private JsonNode? Node(string path)
    {
        JsonNode? at = Root;
        foreach (var part in path.Split('.'))
        {
            at = Step(at, part);
            if (at is null)
            {
                return null;
            }
        }

        return at;
    }

    // The object holding the last name of the path, made on the way when asked to (objects only; list items must exist).
    private (JsonObject? Parent, string Name) Parent(string path, bool create)
    {
        var parts = path.Split('.');
        JsonNode? at = Root;
        foreach (var part in parts[..^1])
        {
            var next = Step(at, part);
            if (next is null && create && at is JsonObject o && !part.Contains('[', StringComparison.Ordinal))
            {
                next = new JsonObject();
                o[part] = next;
            }

            at = next;
        }

        return (at as JsonObject, parts[^1]);
    }

    private static JsonNode? Step(JsonNode? at, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? part : part[..bracket];
        if (at is not JsonObject o || !o.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (bracket < 0)
        {
            return node;
        }

        return node is JsonArray list && int.TryParse(part.AsSpan(bracket + 1, part.Length - bracket - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count
            ? list[index]
            : null;
    }
}
