using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Overview;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Masters a stereo mix: to every deliverable in one pass, or (with a master folder) to the float master
/// that <see cref="EncodeDeliverableConsumer"/> makes each deliverable from. Either way it leaves the report
/// (report.json) and what the dashboard draws (overview.json) in the output folder.
/// </summary>
public sealed class MasterMixConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<MasterMix>
{
    public Task Consume(ConsumeContext<MasterMix> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, attempt =>
        {
            if (m.Album)
            {
                var result = MasterAlbum(m, attempt);
                attempt.Progress.Report(1);
                return result;
            }

            var job = new MasteringJob(ProfileSource.Load(m.Profile, p => paths.Resolve(p, "profile")));
            var output = attempt.Stage(paths.Resolve(m.OutputDirectory, "output directory"));
            var options = new MasteringJobOptions
            {
                Metadata = new TrackMetadata
                {
                    Title = m.Metadata.Title,
                    Artist = m.Metadata.Artist,
                    Album = m.Metadata.Album,
                    TrackNumber = m.Metadata.TrackNumber,
                    Isrc = m.Metadata.Isrc,
                    Upc = m.Metadata.Upc,
                },
                Origination = m.Origination,
                FileStem = m.FileStem,
                Reference = m.Reference is { } reference ? new ReferenceTrack(paths.Resolve(reference, "reference"), m.ReferenceAmount) : null,
            };
            var input = paths.Resolve(m.InputPath, "mix");
            MasteringReport report;
            if (m.MasterDirectory is null)
            {
                var delivery = m.DeliveryDirectory is null ? output : attempt.Stage(paths.Resolve(m.DeliveryDirectory, "delivery directory"));
                report = job.Run(input, delivery, options, attempt.Cancellation);
            }
            else
            {
                var master = attempt.Stage(paths.Resolve(m.MasterDirectory, "master directory"));
                report = job.Master(input, master, options, attempt.Cancellation);
            }

            attempt.Progress.Report(1);
            var json = MasteringJson.Build(report, series: false);
            json["input"]!["file"] = m.InputPath;
            foreach (var deliverable in json["deliverables"]!.AsArray())
            {
                deliverable!["path"] = paths.Relative(attempt.Final(deliverable["path"]!.GetValue<string>()));
            }

            var text = MasteringJson.Write(json);
            var reportBytes = Encoding.UTF8.GetBytes(MasteringJson.Write(Steady(json, r => r.Remove("timings_s"))));
            var overviewBytes = Encoding.UTF8.GetBytes(OverviewJson.Build(report).ToJsonString());
            var outputs = report.Deliverables.Select(d => new RenderOutput(paths.Relative(attempt.Final(d.Path)), d.Sha256)).ToList();
            outputs.Add(Write(attempt, output, "report.json", reportBytes));
            outputs.Add(Write(attempt, output, "overview.json", overviewBytes));
            return new RenderResult(outputs, text);
        });
    }

    // An album title: its document's songs (paths relative to the document, inside the media root) mastered
    // together into the output folder: tracks/, cd/, ddp/ and album-report.json.
    private RenderResult MasterAlbum(MasterMix m, RenderAttempt attempt)
    {
        var document = paths.Resolve(m.InputPath, "album");
        var album = AlbumLoader.Load(document);
        var folder = Path.GetDirectoryName(m.InputPath.Replace('\\', '/')) ?? string.Empty;
        album = album with
        {
            Songs = album.Songs.Select((s, i) => s with { Path = paths.Resolve(Path.Combine(folder, s.Path).Replace('\\', '/'), $"songs[{i}].path") }).ToArray(),

            // The album's own reference (beside the document), else the catalogue's.
            Reference = album.Reference is { } own
                ? own with { Path = paths.Resolve(Path.Combine(folder, own.Path).Replace('\\', '/'), "reference") }
                : m.Reference is { } reference ? new ReferenceTrack(paths.Resolve(reference, "reference"), m.ReferenceAmount) : null,
        };
        var output = paths.Resolve(m.OutputDirectory, "output directory");

        // The folder is the album task's own. The album is made in a work folder there and moved into place
        // whole (once the task confirms this attempt's claim), so finished files are never deleted; what earlier
        // attempts left half made goes (a later attempt's folder stays: when this one is the stale attempt, that
        // one is still working). The report goes through the attempt's staging folder like any other output.
        AlbumOutput.RemoveLeftovers(output, m.Attempt);
        var report = new AlbumJob(ProfileSource.Load(m.Profile, p => paths.Resolve(p, "profile"))).Run(album, output,
            new AlbumJobOptions { Origination = m.Origination, Attempt = m.Attempt, BeforePublish = attempt.EnsureCurrent }, attempt.Cancellation);
        var json = AlbumJson.Build(report, paths.Relative);
        var text = AlbumJson.Write(json);
        var outputs = report.Tracks.Select(d => new RenderOutput(paths.Relative(d.Path), d.Sha256)).ToList();
        if (report.Disc is { } disc)
        {
            outputs.Add(Hashed(disc.ImageWav));
            outputs.Add(Hashed(disc.CueSheet));
            if (disc.DdpFolder is { } ddp)
            {
                outputs.AddRange(Directory.EnumerateFiles(ddp).Order(StringComparer.Ordinal).Select(Hashed));
            }
        }

        outputs.Add(Write(attempt, attempt.Stage(output), "album-report.json", Encoding.UTF8.GetBytes(AlbumJson.Write(Steady(json, r => r["album"]!.AsObject().Remove("timings_seconds"))))));
        return new RenderResult(outputs, text);
    }

    // The report as the file on disk holds it: what every attempt of the task writes byte for byte (a late
    // attempt rewrites it the same, so it keeps the hash on record). How long this attempt took stays in the
    // report that goes with its result.
    private static JsonObject Steady(JsonObject report, Action<JsonObject> removeTimings)
    {
        var copy = report.DeepClone().AsObject();
        removeTimings(copy);
        return copy;
    }

    private RenderOutput Hashed(string path)
    {
        using var stream = File.OpenRead(path);
        return new RenderOutput(paths.Relative(path), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    // A small output written into a staging folder; its record names the place it is moved to.
    private RenderOutput Write(RenderAttempt attempt, string staging, string name, byte[] bytes)
    {
        var path = Path.Combine(staging, name);
        File.WriteAllBytes(path, bytes);
        return new RenderOutput(paths.Relative(attempt.Final(path)), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
