using System.Text.Json;
using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>Reads a title's report back from its file, and adds what its deliverable tasks made.</summary>
public static class TitleReports
{
    /// <summary>The largest report read (a two-hour title's with its series is a few megabytes).</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>
    /// The report of <paramref name="title"/>, read through <paramref name="open"/> (a path relative to the media
    /// root; null when the file is not there); null while the title has none.
    /// </summary>
    public static async Task<TitleReportView?> Read(IGrainFactory grains, TitleSnapshot title, Func<string, Stream?> open)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(open);
        if (title.ReportFile is not { } file)
        {
            return null;
        }

        byte[] bytes;
        using (var stream = open(file))
        {
            if (stream is null)
            {
                return new TitleReportView(null, null, $"{file}: the report is not in the media folder");
            }

            if (stream.Length > MaxBytes)
            {
                return new TitleReportView(null, null, $"{file}: the report is {stream.Length / (1 << 20)} MB, more than {MaxBytes >> 20} MB");
            }

            using var copy = new MemoryStream((int)stream.Length);
            await stream.CopyToAsync(copy);
            bytes = copy.ToArray();
        }

        try
        {
            if (file.EndsWith("album-report.json", StringComparison.Ordinal))
            {
                return new TitleReportView(null, ReportJson.ReadAlbum(bytes));
            }

            var master = ReportJson.ReadMaster(bytes);
            if (title.Spec.Deliverables.Count > 0)
            {
                // (those started: a paused title's deliverable stage may not have started them yet)
                var tasks = await Task.WhenAll(Enumerable.Range(0, title.Spec.Deliverables.Count)
                    .Select(i => TaskIds.Deliverable(title.TitleId, i, title.Generation))
                    .Where(title.Tasks.Contains)
                    .Select(id => grains.GetGrain<IRenderTaskGrain>(id).GetSnapshot()));
                master = master.WithDeliverables(tasks.Select(t => t.Report?.Deliverable).OfType<DeliverableEntry>());
            }

            return new TitleReportView(master, null);
        }
        catch (JsonException e)
        {
            return new TitleReportView(null, null, $"{file}: not a report this version reads ({e.Message})");
        }
    }
}
