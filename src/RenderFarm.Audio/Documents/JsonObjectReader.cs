using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Audio.Documents;

/// <summary>
/// Reads one JSON object of a document (a profile, a session) field by field, keeping its path for
/// errors and refusing fields it was not asked for. Errors are made by the document's own exception
/// type, given as <c>error(field, problem)</c>.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly Func<string, string, DocumentException> _error;

    public JsonObjectReader(JsonElement element, string path, Func<string, string, DocumentException> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _error = error;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw error(path, $"must be an object, not {Describe(element)}");
        }

        _element = element;
        Path = path;
    }

    /// <summary>
    /// Parses a whole document (comments and trailing commas allowed); a syntax error names its line
    /// and column. The caller disposes the document.
    /// </summary>
    public static JsonDocument ParseDocument(string json, Func<string, string, DocumentException> error, int maxDepth = 16)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            throw error($"$ (line {e.LineNumber + 1}, column {e.BytePositionInLine + 1})", $"not valid JSON: {e.Message.Split(" Path:")[0]}");
        }
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
            throw _error(Field(name), $"must be a number, not {Describe(value)}");
        }

        InRange(number, min, max, Field(name), unit);
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
            throw _error(Field(name), $"must be a whole number, not {Describe(value)}");
        }

        InRange(number, min, max, Field(name), unit);
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
            throw _error(Field(name), $"must be a string, not {Describe(value)}");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw _error(Field(name), $"is {text.Length} characters: accepted at most {maxLength}");
        }

        return text;
    }

    public bool? Flag(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw _error(Field(name), $"must be true or false, not {Describe(value)}"),
        };
    }

    /// <summary>Checks a number against a range, naming the field.</summary>
    public void InRange(double value, double min, double max, string field, string unit)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw _error(field, string.Create(CultureInfo.InvariantCulture, $"{value} {unit} is out of range: accepted {min} to {max} {unit}").Replace("  ", " ", StringComparison.Ordinal));
        }
    }

    /// <summary>A document error at <paramref name="field"/> (a path under this object, or any other).</summary>
    public DocumentException Error(string field, string problem) => _error(field, problem);

    /// <summary>A string that must be one of <paramref name="accepted"/> (snake_case names).</summary>
    public string? Choice(string name, params string[] accepted)
    {
        var text = Text(name, 100);
        if (text is not null && !accepted.Contains(text, StringComparer.Ordinal))
        {
            throw _error(Field(name), $"'{text}' is not accepted: accepted {string.Join(", ", accepted)}");
        }

        return text;
    }

    public JsonObjectReader? Object(string name) => TryGet(name, out var value) ? new JsonObjectReader(value, Field(name), _error) : null;

    public JsonElement? Raw(string name) => TryGet(name, out var value) ? value : null;

    public IReadOnlyList<JsonObjectReader>? Objects(string name, int maxCount)
    {
        var items = Array(name, maxCount);
        return items?.Select((e, i) => new JsonObjectReader(e, $"{Field(name)}[{i}]", _error)).ToArray();
    }

    public IReadOnlyList<double>? Numbers(string name, int maxCount, double min, double max, string unit)
    {
        var items = Array(name, maxCount);
        return items?.Select((e, i) =>
        {
            var field = $"{Field(name)}[{i}]";
            if (e.ValueKind != JsonValueKind.Number)
            {
                throw _error(field, $"must be a number, not {Describe(e)}");
            }

            InRange(e.GetDouble(), min, max, field, unit);
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
                throw _error(Field(property.Name), $"is not a known field: accepted {string.Join(", ", _asked.Order(StringComparer.Ordinal))}");
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
            throw _error(Field(name), $"must be an array, not {Describe(value)}");
        }

        var length = value.GetArrayLength();
        if (length > maxCount)
        {
            throw _error(Field(name), $"has {length} entries: accepted at most {maxCount}");
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
