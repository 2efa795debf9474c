using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Mastering.Profiles;

/// <summary>Reads one JSON object field by field, keeping its path for errors and refusing fields it was not asked for.</summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ProfileException(path, $"must be an object, not {Describe(element)}");
        }

        _element = element;
        Path = path;
    }

    public string Path { get; }

    public bool Has(string name)
    {
        _asked.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>True when the field is present with the value null (which switches a section off).</summary>
    public bool IsNull(string name)
    {
        _asked.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null;
    }

    public double? Number(string name, double min, double max, string unit = "")
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw new ProfileException(Field(name), $"must be a number, not {Describe(value)}");
        }

        ProfileException.InRange(number, min, max, Field(name), unit);
        return number;
    }

    public int? Integer(string name, int min, int max, string unit = "")
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new ProfileException(Field(name), $"must be a whole number, not {Describe(value)}");
        }

        ProfileException.InRange(number, min, max, Field(name), unit);
        return number;
    }

    public string? Text(string name, int maxLength = 500)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ProfileException(Field(name), $"must be a string, not {Describe(value)}");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw new ProfileException(Field(name), $"is {text.Length} characters: accepted at most {maxLength}");
        }

        return text;
    }

    /// <summary>A string that must be one of <paramref name="accepted"/> (snake_case names).</summary>
    public string? Choice(string name, params string[] accepted)
    {
        var text = Text(name, 100);
        if (text is not null && !accepted.Contains(text, StringComparer.Ordinal))
        {
            throw new ProfileException(Field(name), $"'{text}' is not accepted: accepted {string.Join(", ", accepted)}");
        }

        return text;
    }

    public JsonObjectReader? Object(string name) => TryGet(name, out var value) ? new JsonObjectReader(value, Field(name)) : null;

    public JsonElement? Raw(string name) => TryGet(name, out var value) ? value : null;

    public IReadOnlyList<JsonObjectReader>? Objects(string name, int maxCount)
    {
        var items = Array(name, maxCount);
        return items?.Select((e, i) => new JsonObjectReader(e, $"{Field(name)}[{i}]")).ToArray();
    }

    public IReadOnlyList<double>? Numbers(string name, int maxCount, double min, double max, string unit)
    {
        var items = Array(name, maxCount);
        return items?.Select((e, i) =>
        {
            var field = $"{Field(name)}[{i}]";
            if (e.ValueKind != JsonValueKind.Number)
            {
                throw new ProfileException(field, $"must be a number, not {Describe(e)}");
            }

            ProfileException.InRange(e.GetDouble(), min, max, field, unit);
            return e.GetDouble();
        }).ToArray();
    }

    /// <summary>Refuses any field that was not read: a misspelt setting must not be silently ignored.</summary>
    public void NoOtherFields()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_asked.Contains(property.Name))
            {
                throw new ProfileException(Field(property.Name), $"is not a known field: accepted {string.Join(", ", _asked.Order(StringComparer.Ordinal))}");
            }
        }
    }

    public string Field(string name) => $"{Path}.{name}";

    private JsonElement[]? Array(string name, int maxCount)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ProfileException(Field(name), $"must be an array, not {Describe(value)}");
        }

        var length = value.GetArrayLength();
        if (length > maxCount)
        {
            throw new ProfileException(Field(name), $"has {length} entries: accepted at most {maxCount}");
        }

        return [.. value.EnumerateArray()];
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _asked.Add(name);
        return _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{e.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
