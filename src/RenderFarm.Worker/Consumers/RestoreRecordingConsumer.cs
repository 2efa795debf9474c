using System.Text;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Restoration;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Restores a recording before its master, by the restore section of its profile: the restored file and what each
/// repair did (restore.json, which the title page shows) into the output folder.
/// </summary>
public sealed class RestoreRecordingConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<RestoreRecording>
{
    public Task Consume(ConsumeContext<RestoreRecording> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, attempt =>
        {
            var settings = ProfileSource.Load(m.Profile, p => paths.Resolve(p, "profile")).Restore
                ?? throw new ArgumentException($"{m.Profile}: the profile has no restore section", nameof(context));
            var input = paths.Resolve(m.InputPath, "recording");
            var target = paths.Resolve(m.OutputPath, "restored file");
            var output = attempt.Stage(Path.GetDirectoryName(target)!);
            var restored = Path.Combine(output, Path.GetFileName(target));
            var report = new RestoreJob(settings).Run(input, restored, attempt.Progress, attempt.Cancellation);
            attempt.Progress.Report(1);
            var timings = report.TimingsS;

            // The file on disk is the same for every attempt: paths relative to the media root, no timings.
            report.Input = m.InputPath;
            report.Output = paths.Relative(attempt.Final(restored));
            report.TimingsS = new Dictionary<string, double>();
            var outputs = new List<RenderOutput> { RenderOutputs.Recorded(paths, restored) with { Path = report.Output } };
            var reportFile = RenderOutputs.Write(attempt, paths, output, "restore.json", Encoding.UTF8.GetBytes(ReportJson.Write(report)));
            outputs.Add(reportFile);
            return new RenderResult(outputs, new TaskReport { File = reportFile.Path }, "restored: " + string.Join("; ", RestorationSummary.Describe(report).Select(r => $"{r.Repair} {r.Done}")) + "; " + RenderOutputs.Timings(timings));
        });
    }
}
