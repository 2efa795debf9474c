using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RenderFarm.Mastering.Catalogues;

/// <summary>
/// How a back catalogue's deliverables are named: a relative path with fields in braces, e.g.
/// <c>{format}/{artist}/{album}/{track:00} {title}</c>. Fields: <c>{artist}</c>, <c>{album}</c>, <c>{title}</c>,
/// <c>{track}</c> (or <c>{track:00}</c>, zero-padded), <c>{year}</c>, <c>{name}</c> (the source's file name without
/// extension), <c>{folder}</c> (the source's folder below the searched one: keeps the tree) and <c>{format}</c>
/// (the deliverable's format: wav, cd, flac, mp3, aac, opus; filled per deliverable). Each value is made safe
/// as one path segment (no separators, no leading dots); the template itself may hold '/' for folders but
/// no '..', no absolute path and no control characters. The deliverable's suffix and extension follow.
/// </summary>
public sealed partial class NamingTemplate
{
    /// <summary>Keeps the source tree: each source's folder and file name.</summary>
    public const string KeepTree = "{folder}/{name}";

    /// <summary>The placeholder filled per deliverable (see <see cref="MasteringJob.DeliverableName(string, int, int)"/>).</summary>
    public const string FormatField = "{format}";

    private static readonly string[] Fields = ["artist", "album", "title", "track", "track:00", "year", "name", "folder", "format"];

    private NamingTemplate(string text) => Text = text;

    public string Text { get; }

    /// <summary>Checks a template, naming <paramref name="field"/> in its error.</summary>
    public static NamingTemplate Parse(string text, string field = "naming")
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300)
        {
            throw new ProfileException(field, "is required, at most 300 characters");
        }

        if (text.Any(char.IsControl) || text.Contains('\\', StringComparison.Ordinal) || text.StartsWith('/') || text.Split('/').Any(s => s is ".." or "." or ""))
        {
            throw new ProfileException(field, $"'{text}' must be a relative path of named segments: no '..', no leading '/', no empty segment, no backslash or control character");
        }

        foreach (Match m in FieldPattern().Matches(text))
        {
            if (!Fields.Contains(m.Groups[1].Value, StringComparer.Ordinal))
            {
                throw new ProfileException(field, $"'{{{m.Groups[1].Value}}}' is not a field: accepted {string.Join(", ", Fields.Select(f => "{" + f + "}"))}");
            }
        }

        var rest = FieldPattern().Replace(text, string.Empty);
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            throw new ProfileException(field, $"'{text}' has an unmatched brace");
        }

        if (!FieldPattern().IsMatch(text.Split('/')[^1]))
        {
            throw new ProfileException(field, $"'{text}': the file name (after the last '/') must hold a field, or every title would have the same name");
        }

        return new NamingTemplate(text);
    }

    /// <summary>The relative path (without extension) for one source; <c>{format}</c> stays for each deliverable to fill.</summary>
    public string Apply(NamingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var segments = Text.Split('/').Select(segment => FieldPattern().Replace(segment, m => m.Groups[1].Value switch
        {
            "artist" => Safe(values.Artist),
            "album" => Safe(values.Album),
            "title" => Safe(values.Title),
            "track" => values.Track.ToString(CultureInfo.InvariantCulture),
            "track:00" => values.Track.ToString("00", CultureInfo.InvariantCulture),
            "year" => values.Year?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
            "name" => Safe(values.Name),
            "format" => FormatField,
            _ => string.Join('/', values.Folder.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Safe)),
        }));
        return string.Join('/', segments.SelectMany(s => s.Split('/')).Where(s => s.Length > 0));
    }

    /// <summary>A value as one path segment: separators and characters file systems refuse become '_', no leading dot or trailing space.</summary>
    public static string Safe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }

        var safe = text.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        return safe.Length == 0 ? "_" : safe.Length > 120 ? safe[..120] : safe;
    }

    [GeneratedRegex(@"\{([a-z:0]+)\}")]
    private static partial Regex FieldPattern();
}
