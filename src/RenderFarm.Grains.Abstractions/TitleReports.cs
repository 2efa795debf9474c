using System.Text.Json;
using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>Reads a title's report back from its file, adds what its deliverable tasks made, and reads its restore's report.</summary>
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
        RestorationReport? restore = null;
        string? restoreError = null;
        if (title.RestoreReportFile is { } restoreFile)
        {
            (var restoreBytes, restoreError) = await Bytes(restoreFile, open);
            try
            {
                restore = restoreBytes is null ? null : ReportJson.ReadRestoration(restoreBytes);
            }
            catch (JsonException e)
            {
                restoreError = $"{restoreFile}: not a restoration report this version reads ({e.Message})";
            }
        }

        if (title.ReportFile is not { } file)
        {
            return restore is null && restoreError is null ? null : new TitleReportView(null, null, restoreError) { Restore = restore };
        }

        var (bytes, error) = await Bytes(file, open);
        if (bytes is null)
        {
            return new TitleReportView(null, null, error) { Restore = restore };
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

            return new TitleReportView(master, null, restoreError) { Restore = restore };
        }
        catch (JsonException e)
        {
            return new TitleReportView(null, null, $"{file}: not a report this version reads ({e.Message})") { Restore = restore };
        }
    }

    // A report file's bytes, or why they could not be read.
    private static async Task<(byte[]? Bytes, string? Error)> Bytes(string file, Func<string, Stream?> open)
    {
        using var stream = open(file);
        if (stream is null)
        {
            return (null, $"{file}: the report is not in the media folder");
        }

        if (stream.Length > MaxBytes)
        {
            return (null, $"{file}: the report is {stream.Length / (1 << 20)} MB, more than {MaxBytes >> 20} MB");
        }

        using var copy = new MemoryStream((int)stream.Length);
        await stream.CopyToAsync(copy);
        return (copy.ToArray(), null);
    }
}
