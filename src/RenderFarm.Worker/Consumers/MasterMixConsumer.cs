using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Mastering;
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
                Reference = m.Reference is { } reference ? new ReferenceTrack(paths.Resolve(reference.Path, "reference"), reference.AmountPercent) : null,
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
            outputs.Add(RenderOutputs.Write(attempt, paths, output, "report.json", reportBytes));
            outputs.Add(RenderOutputs.Write(attempt, paths, output, "overview.json", overviewBytes));
            return new RenderResult(outputs, text);
        });
    }

    // The report as the file on disk holds it: what every attempt of the task writes byte for byte (a late
    // attempt rewrites it the same, so it keeps the hash on record). How long this attempt took stays in the
    // report that goes with its result.
    internal static JsonObject Steady(JsonObject report, Action<JsonObject> removeTimings)
    {
        var copy = report.DeepClone().AsObject();
        removeTimings(copy);
        return copy;
    }
}
