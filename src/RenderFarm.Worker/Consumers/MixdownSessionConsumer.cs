using System.Globalization;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Worker.Consumers;

/// <summary>Mixes a session's stems down to its stereo mix.</summary>
public sealed class MixdownSessionConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<MixdownSession>
{
    public Task Consume(ConsumeContext<MixdownSession> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, attempt =>
        {
            var session = SessionLoader.Load(paths.Resolve(m.SessionPath, "session"));
            var output = paths.Resolve(m.OutputPath, "mix");
            var staged = Path.Combine(attempt.Stage(Path.GetDirectoryName(output)!), Path.GetFileName(output));
            var report = MixRenderer.Mixdown(session, paths.Resolve(m.StemsDirectory, "stems directory"), staged,
                new MixOptions { MediaRoot = paths.Root }, attempt.Progress, attempt.Cancellation);
            report = report with { Output = attempt.Final(report.Output) };
            return new RenderResult([new RenderOutput(paths.Relative(report.Output), report.Sha256)], TaskReport.None, Summary(report));
        });
    }

    // The mix in one line of the attempt's log: its level, and what the render noted (silent or clipping tracks).
    private static string Summary(MixReport report) => string.Create(CultureInfo.InvariantCulture,
        $"mix {report.Loudness.IntegratedLufs:0.0} LUFS, true peak {report.Loudness.TruePeakDbtp:0.0} dBTP, {report.OverSamples} samples over full scale{string.Concat(report.Notes.Select(n => "; " + n))}");
}
