using MassTransit;
using RenderFarm.Contracts;
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
        return runner.Run(context, m.TaskId, m.Attempt, (progress, cancellation) =>
        {
            var session = SessionLoader.Load(paths.Resolve(m.SessionPath, "session"));
            var output = paths.Resolve(m.OutputPath, "mix");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            Leftovers.Remove(Path.GetDirectoryName(output)!, [Path.GetFileName(output)]);
            var report = MixRenderer.Mixdown(session, paths.Resolve(m.StemsDirectory, "stems directory"), output,
                new MixOptions { MediaRoot = paths.Root }, progress, cancellation);
            return new RenderResult([new RenderOutput(paths.Relative(report.Output), report.Sha256)], MixJson.Serialize(report));
        });
    }
}
