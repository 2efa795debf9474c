using System.Text.Json;
using RenderFarm.Contracts.Reports;

namespace RenderFarm.Dashboard.Data;

/// <summary>What the title page draws (overview.json, written by the master task): the input and the master, and the target.</summary>
public sealed record TitleOverview(double? TargetLufs, double? CeilingDbtp, ProgrammeView? Input, ProgrammeView? Output)
{
    /// <summary>The largest overview.json read (a two-hour title's is well under 1 MB).</summary>
    public const long MaxBytes = 8 << 20;

    /// <summary>Reads an overview; null when it is not one (a newer or older version, or not JSON).</summary>
    public static TitleOverview? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var overview = ReportJson.ReadOverview(copy.GetBuffer().AsSpan(0, (int)copy.Length));
            return overview.Version != OverviewDocument.CurrentVersion ? null
                : new TitleOverview(overview.TargetLufs, overview.CeilingDbtp, ProgrammeView.From(overview.Input), ProgrammeView.From(overview.Output));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
