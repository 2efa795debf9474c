using System.Globalization;
using System.Text;
using RenderFarm.Grains;

namespace RenderFarm.Host.Api;

/// <summary>One title of a catalogue's report (CSV or JSON export): state, loudness before and after, compliance, QC.</summary>
public sealed record CatalogReportRow(
    string Number,
    string Title,
    string Source,
    JobStatus Status,
    string Stage,
    double? InputLufs,
    double? OutputLufs,
    double? OutputTruePeakDbtp,
    double? OutputRangeLu,
    double? TargetLufs,
    bool? TargetMet,
    int? QcFindings,
    int? QcErrors,
    string? Error)
{
    private static readonly string[] Header =
        ["number", "title", "source", "status", "stage", "input_lufs", "output_lufs", "output_true_peak_dbtp", "output_lra_lu", "target_lufs", "target_met", "qc_findings", "qc_errors", "error"];

    public static CatalogReportRow From(TitleSnapshot t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var l = t.Loudness;
        return new CatalogReportRow(t.TitleId[(t.TitleId.LastIndexOf('/') + 1)..], t.Spec.Tags.Title ?? Path.GetFileNameWithoutExtension(t.Spec.Source), t.Spec.Source,
            t.Status, t.Stage.Name(), l?.InputLufs, l?.OutputLufs, l?.OutputTruePeakDbtp, l?.OutputRangeLu, l?.TargetLufs, l?.TargetMet, l?.QcFindings, l?.QcErrors, t.Error);
    }

    /// <summary>RFC 4180 CSV with a header row; numbers with a dot, empty where a figure does not exist.</summary>
    public static string Csv(IEnumerable<CatalogReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder().AppendJoin(',', Header).Append("\r\n");
        foreach (var r in rows)
        {
            string?[] fields =
            [
                r.Number, r.Title, r.Source, r.Status.ToString(), r.Stage, N(r.InputLufs), N(r.OutputLufs), N(r.OutputTruePeakDbtp), N(r.OutputRangeLu),
                N(r.TargetLufs), r.TargetMet?.ToString().ToLowerInvariant(), r.QcFindings?.ToString(CultureInfo.InvariantCulture),
                r.QcErrors?.ToString(CultureInfo.InvariantCulture), r.Error,
            ];
            text.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string? N(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture);

    // Fields with a comma, quote or line break are quoted, quotes doubled; a leading =, +, - or @ is kept from spreadsheets' formulas.
    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        if (field[0] is '=' or '+' or '@' || (field[0] == '-' && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            field = "'" + field;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
