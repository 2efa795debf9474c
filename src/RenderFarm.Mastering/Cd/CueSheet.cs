using System.Globalization;
using System.Text;

namespace RenderFarm.Mastering.Cd;

/// <summary>
/// The CUE sheet of a disc whose whole programme is one image file (pre-gaps included, so track 1's file
/// time 00:00:00 is its index 0): CATALOG (the UPC/EAN as 13 digits), disc and track CD-Text (TITLE,
/// PERFORMER), ISRC, INDEX 00 where a track has a pre-gap, INDEX 01. Written in ISO-8859-1, as CD-Text is;
/// read back into the same <see cref="CdDisc"/>, but that a double quote in a title or performer, which a CUE
/// string cannot hold, is written (and read back) as an apostrophe.
/// </summary>
public static class CueSheet
{
    public static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>The sheet's text; the disc must pass <see cref="RedBook.Require"/>.</summary>
    public static string Write(CdDisc disc, string imageFile)
    {
        ArgumentNullException.ThrowIfNull(disc);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageFile);
        RedBook.Require(disc);
        var text = new StringBuilder();
        text.Append("REM GENERATOR \"RenderFarm\"\r\n");
        if (disc.Upc is { } upc)
        {
            text.Append(CultureInfo.InvariantCulture, $"CATALOG {(upc.Length == 12 ? "0" + upc : upc)}\r\n");
        }

        Quoted(text, string.Empty, "PERFORMER", disc.Performer, "the disc's performer");
        Quoted(text, string.Empty, "TITLE", disc.Title, "the disc's title");
        Quoted(text, string.Empty, "FILE", Path.GetFileName(imageFile), "the image file's name", " WAVE");
        for (var i = 0; i < disc.Tracks.Count; i++)
        {
            var track = disc.Tracks[i];
            text.Append(CultureInfo.InvariantCulture, $"  TRACK {i + 1:00} AUDIO\r\n");
            Quoted(text, "    ", "TITLE", track.Title, $"track {i + 1}'s title");
            Quoted(text, "    ", "PERFORMER", track.Performer, $"track {i + 1}'s performer");
            if (track.Isrc is { } isrc)
            {
                text.Append(CultureInfo.InvariantCulture, $"    ISRC {isrc}\r\n");
            }

            if (track.PregapFrames > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"    INDEX 00 {CdTime.Format(disc.PregapStart(i))}\r\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"    INDEX 01 {CdTime.Format(disc.TrackStart(i))}\r\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the sheet beside its image, in ISO-8859-1.</summary>
    public static void Save(CdDisc disc, string path, string imageFile) => File.WriteAllText(path, Write(disc, imageFile), Latin1);

    /// <summary>
    /// Reads a sheet of one image file back into a disc; <paramref name="programmeFrames"/> (the image's
    /// length) ends the last track. A line it cannot read throws <see cref="FormatException"/> with its number.
    /// </summary>
    public static CdDisc Parse(string text, long programmeFrames)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? upc = null, title = null, performer = null;
        var tracks = new List<(string? Title, string? Performer, string? Isrc, long? Index0, long? Index1)>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith("REM ", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (command, rest) = space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..].Trim());
            var current = tracks.Count - 1;
            switch (command)
            {
                case "CATALOG":
                    upc = rest;
                    break;
                case "FILE":
                    break;
                case "TRACK":
                    if (!rest.EndsWith(" AUDIO", StringComparison.Ordinal) || !int.TryParse(rest[..^6], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != tracks.Count + 1)
                    {
                        throw Bad(n, $"'{line}' is not the next audio track ({tracks.Count + 1:00})");
                    }

                    tracks.Add((null, null, null, null, null));
                    break;
                case "TITLE" when current < 0:
                    title = Unquote(rest, n);
                    break;
                case "PERFORMER" when current < 0:
                    performer = Unquote(rest, n);
                    break;
                case "TITLE":
                    tracks[current] = tracks[current] with { Title = Unquote(rest, n) };
                    break;
                case "PERFORMER":
                    tracks[current] = tracks[current] with { Performer = Unquote(rest, n) };
                    break;
                case "ISRC" when current >= 0:
                    tracks[current] = tracks[current] with { Isrc = rest };
                    break;
                case "INDEX" when current >= 0:
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var at = parts.Length == 2 ? CdTime.Parse(parts[1]) : null;
                    if (at is null || parts[0] is not ("00" or "01"))
                    {
                        throw Bad(n, $"'{line}' is not INDEX 00 or 01 at mm:ss:ff");
                    }

                    tracks[current] = parts[0] == "00" ? tracks[current] with { Index0 = at } : tracks[current] with { Index1 = at };
                    break;
                default:
                    throw Bad(n, $"'{line}' is not a command this sheet reads");
            }
        }

        var disc = new List<CdTrack>();
        for (var i = 0; i < tracks.Count; i++)
        {
            var t = tracks[i];
            var start = t.Index1 ?? throw new FormatException($"track {i + 1} has no INDEX 01");
            var end = i + 1 < tracks.Count ? tracks[i + 1].Index0 ?? tracks[i + 1].Index1 ?? 0 : programmeFrames;
            disc.Add(new CdTrack { Frames = end - start, PregapFrames = start - (t.Index0 ?? start), Title = t.Title, Performer = t.Performer, Isrc = t.Isrc });
        }

        return new CdDisc { Upc = upc, Title = title, Performer = performer, Tracks = disc };
    }

    private static void Quoted(StringBuilder text, string indent, string command, string? value, string what, string after = "")
    {
        if (value is null)
        {
            return;
        }

        if (value.Contains('"', StringComparison.Ordinal))
        {
            if (command == "FILE")
            {
                throw new ArgumentException($"{what} '{value}' holds a double quote, which a CUE sheet cannot carry");
            }

            // A CUE string has no escape for its quote: the sheet carries an apostrophe instead (the CD-Text
            // and the DDP image keep the double quote).
            value = value.Replace('"', '\'');
        }

        text.Append(CultureInfo.InvariantCulture, $"{indent}{command} \"{value}\"{after}\r\n");
    }

    private static string Unquote(string value, int line) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : throw Bad(line, $"{value} is not in double quotes");

    private static FormatException Bad(int line, string problem) => new($"CUE sheet line {line + 1}: {problem}");
}
