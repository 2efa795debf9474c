using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Worker.Consumers;

/// <summary>Masters a stereo mix to its deliverables, and leaves its report (report.json) beside them.</summary>
public sealed class MasterMixConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<MasterMix>
{
    public Task Consume(ConsumeContext<MasterMix> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, (progress, cancellation) =>
        {
            var profile = DeliveryTargets.All.Any(t => string.Equals(t.Name, m.Profile, StringComparison.OrdinalIgnoreCase))
                ? MasteringProfile.ForTarget(DeliveryTargets.Find(m.Profile, "profile"))
                : ProfileLoader.Load(paths.Resolve(m.Profile, "profile"));
            var output = paths.Resolve(m.OutputDirectory, "output directory");
            Leftovers.RemoveAll(output);
            var metadata = new TrackMetadata
            {
                Title = m.Metadata.Title,
                Artist = m.Metadata.Artist,
                Album = m.Metadata.Album,
                TrackNumber = m.Metadata.TrackNumber,
                Isrc = m.Metadata.Isrc,
                Upc = m.Metadata.Upc,
            };
            var report = new MasteringJob(profile).Run(paths.Resolve(m.InputPath, "mix"), output,
                new MasteringJobOptions { Metadata = metadata, Origination = m.Origination }, cancellation);
            progress.Report(1);
            var json = MasteringJson.Serialize(report, series: false);
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            var reportPath = Path.Combine(output, "report.json");
            var partial = $"{Path.Combine(output, ".report.json")}.{Guid.NewGuid():N}.partial";
            File.WriteAllBytes(partial, bytes);
            File.Move(partial, reportPath, overwrite: true);
            var outputs = report.Deliverables.Select(d => new RenderOutput(paths.Relative(d.Path), d.Sha256)).ToList();
            outputs.Add(new RenderOutput(paths.Relative(reportPath), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))));
            return new RenderResult(outputs, json);
        });
    }
}
