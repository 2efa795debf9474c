using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Reports;

namespace RenderFarm.Worker.Consumers;

/// <summary>Makes one deliverable from a title's float master and checks it; its report is the deliverable's entry of the title's report.</summary>
public sealed class EncodeDeliverableConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<EncodeDeliverable>
{
    public Task Consume(ConsumeContext<EncodeDeliverable> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, attempt =>
        {
            var job = new MasteringJob(ProfileSource.Load(m.Profile, p => paths.Resolve(p, "profile")));
            if (m.Index < 0 || m.Index >= job.Profile.Deliverables.Count)
            {
                throw new ArgumentException($"deliverable {m.Index + 1} of profile '{m.Profile}': the profile has {job.Profile.Deliverables.Count} deliverables now (was it changed after the catalogue was made?)");
            }

            var master = paths.Resolve(m.MasterDirectory, "master directory");
            var output = attempt.Stage(paths.Resolve(m.OutputDirectory, "output directory"));
            var report = job.Deliver(master, m.Index, output, attempt.Cancellation);
            attempt.Progress.Report(1);
            var path = paths.Relative(attempt.Final(report.Path));
            var entry = MasterDocument.Deliverable(report) with { Path = path };
            return new RenderResult([new RenderOutput(path, report.Sha256)], new TaskReport { Deliverable = entry });
        });
    }
}
