using System.Security.Cryptography;
using System.Text;
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
        return runner.Run(context, m.TaskId, m.Attempt, (progress, cancellation) =>
        {
            var job = new MasteringJob(ProfileSource.Load(m.Profile, p => paths.Resolve(p, "profile")));
            var output = paths.Resolve(m.OutputDirectory, "output directory");
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
            };
            var input = paths.Resolve(m.InputPath, "mix");
            MasteringReport report;
            if (m.MasterDirectory is null)
            {
                Leftovers.RemoveAll(output);
                report = job.Run(input, output, options, cancellation);
            }
            else
            {
                var master = paths.Resolve(m.MasterDirectory, "master directory");
                Leftovers.RemoveAll(master);
                Leftovers.Remove(output, ["report.json", "overview.json"]);
                report = job.Master(input, master, options, cancellation);
            }

            progress.Report(1);
            var json = MasteringJson.Build(report, series: false);
            json["input"]!["file"] = m.InputPath;
            foreach (var deliverable in json["deliverables"]!.AsArray())
            {
                deliverable!["path"] = paths.Relative(deliverable["path"]!.GetValue<string>());
            }

            var text = MasteringJson.Write(json);
            var reportBytes = Encoding.UTF8.GetBytes(text);
            var overviewBytes = Encoding.UTF8.GetBytes(OverviewJson.Build(report).ToJsonString());
            var outputs = report.Deliverables.Select(d => new RenderOutput(paths.Relative(d.Path), d.Sha256)).ToList();
            outputs.Add(Write(output, "report.json", reportBytes));
            outputs.Add(Write(output, "overview.json", overviewBytes));
            return new RenderResult(outputs, text);
        });
    }

    private RenderOutput Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        AtomicFile.WriteAllBytes(path, bytes);
        return new RenderOutput(paths.Relative(path), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
