using System.Text.Json;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Worker.Consumers;

/// <summary>Renders one track of a session to its stems.</summary>
public sealed class RenderTrackConsumer(RenderRunner runner, MediaPaths paths) : IConsumer<RenderTrack>
{
    public Task Consume(ConsumeContext<RenderTrack> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, (progress, cancellation) =>
        {
            var session = SessionLoader.Load(paths.Resolve(m.SessionPath, "session"));
            var stems = MixRenderer.RenderStems(session, m.TrackIndex, paths.Resolve(m.StemsDirectory, "stems directory"),
                new MixOptions { MediaRoot = paths.Root }, progress, cancellation);
            var outputs = stems.Select(s => new RenderOutput(paths.Relative(s.Path), s.Sha256)).ToArray();
            var report = JsonSerializer.Serialize(new { track = m.TrackIndex, stems = outputs.Select(o => new { path = o.Path, sha256 = o.Sha256 }) });
            return new RenderResult(outputs, report);
        });
    }
}
