using System.Text;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Reports;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Masters an album title: its document's songs (paths relative to the document, inside the media root) mastered
/// together into the output folder: tracks/, cd/, ddp/ and album-report.json.
/// </summary>
public sealed class MasterAlbumConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<MasterAlbum>
{
    public Task Consume(ConsumeContext<MasterAlbum> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, attempt => Render(m, attempt));
    }

    private RenderResult Render(MasterAlbum m, RenderAttempt attempt)
    {
        var document = paths.Resolve(m.AlbumPath, "album");
        var album = AlbumLoader.Load(document);
        var folder = Path.GetDirectoryName(m.AlbumPath.Replace('\\', '/')) ?? string.Empty;
        album = album with
        {
            Songs = album.Songs.Select((s, i) => s with { Path = paths.Resolve(Path.Combine(folder, s.Path).Replace('\\', '/'), $"songs[{i}].path") }).ToArray(),

            // The album's own reference (beside the document), else the catalogue's.
            Reference = album.Reference is { } own
                ? own with { Path = paths.Resolve(Path.Combine(folder, own.Path).Replace('\\', '/'), "reference") }
                : m.Reference is { } reference ? new ReferenceTrack(paths.Resolve(reference.Path, "reference"), reference.AmountPercent) : null,
        };
        var output = paths.Resolve(m.OutputDirectory, "output directory");

        // The folder is the album task's own. The album is made in a work folder there and moved into place
        // whole (once the task confirms this attempt's claim), so finished files are never deleted; what earlier
        // attempts left half made goes (a later attempt's folder stays: when this one is the stale attempt, that
        // one is still working). The report goes through the attempt's staging folder like any other output.
        AlbumOutput.RemoveLeftovers(output, m.Attempt);
        var report = new AlbumJob(ProfileSource.Load(m.Profile, p => paths.Resolve(p, "profile"))).Run(album, output,
            new AlbumJobOptions { Origination = m.Origination, Attempt = m.Attempt, BeforePublish = attempt.EnsureCurrent }, attempt.Cancellation);
        var albumReport = AlbumDocument.Build(report, paths.Relative);
        albumReport = albumReport with { Album = albumReport.Album with { TimingsSeconds = null } }; // (the file is the same bytes from every attempt)
        var outputs = report.Tracks.Select(d => new RenderOutput(paths.Relative(d.Path), d.Sha256)).ToList();
        if (report.Disc is { } disc)
        {
            outputs.Add(RenderOutputs.Recorded(paths, disc.ImageWav));
            outputs.Add(RenderOutputs.Recorded(paths, disc.CueSheet));
            if (disc.DdpFolder is { } ddp)
            {
                outputs.AddRange(Directory.EnumerateFiles(ddp).Order(StringComparer.Ordinal).Select(f => RenderOutputs.Recorded(paths, f)));
            }
        }

        var reportFile = RenderOutputs.Write(attempt, paths, attempt.Stage(output), "album-report.json", Encoding.UTF8.GetBytes(ReportJson.Write(albumReport)));
        outputs.Add(reportFile);
        attempt.Progress.Report(1);
        return new RenderResult(outputs, new TaskReport { File = reportFile.Path, Headline = albumReport.Headline() }, RenderOutputs.Timings(report.TimingsSeconds));
    }
}
