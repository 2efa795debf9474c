using System.Text;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Overview;
using RenderFarm.Mastering.Reports;

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
            var document = MasterDocument.Build(report, series: false);
            document = document with
            {
                Input = document.Input with { File = m.InputPath },
                Deliverables = [.. document.Deliverables.Select(d => d with { Path = paths.Relative(attempt.Final(d.Path)) })],

                // The file on disk is what every attempt writes byte for byte (a late attempt rewrites it the same, so
                // it keeps the hash on record): how long this attempt took goes into its log instead.
                TimingsS = null,
            };
            var outputs = report.Deliverables.Select(d => new RenderOutput(paths.Relative(attempt.Final(d.Path)), d.Sha256)).ToList();
            var reportFile = RenderOutputs.Write(attempt, paths, output, "report.json", Encoding.UTF8.GetBytes(ReportJson.Write(document)));
            outputs.Add(reportFile);
            var overviewFile = RenderOutputs.Write(attempt, paths, output, "overview.json", Encoding.UTF8.GetBytes(ReportJson.Write(OverviewBuilder.Build(report))));
            outputs.Add(overviewFile);
            return new RenderResult(outputs, new TaskReport { File = reportFile.Path, Overview = overviewFile.Path, Headline = document.Headline() }, RenderOutputs.Timings(report.TimingsSeconds));
        });
    }
}
