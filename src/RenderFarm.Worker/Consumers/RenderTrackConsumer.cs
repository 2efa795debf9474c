using MassTransit;
using RenderFarm.Audio;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Worker.Consumers;

/// <summary>Renders one track of a session to its stems, or takes them from the stem cache when the track's source and settings have not changed (in the attempt's staging folder: the runner moves them into place).</summary>
public sealed class RenderTrackConsumer(RenderRunner runner, MediaPaths paths, StemCache cache) : IConsumer<RenderTrack>
{
    public Task Consume(ConsumeContext<RenderTrack> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return runner.Run(context, m.TaskId, m.Attempt, attempt =>
        {
            var session = SessionLoader.Load(paths.Resolve(m.SessionPath, "session"));
            var options = new MixOptions { MediaRoot = paths.Root };
            var directory = attempt.Stage(paths.Resolve(m.StemsDirectory, "stems directory"));
            var key = StemKey.For(session, m.TrackIndex, options);
            var cached = cache.TryRestore(key, session, m.TrackIndex, directory);
            RenderOutput[] outputs;
            if (cached)
            {
                outputs = [.. StemFiles.All(session, m.TrackIndex).Select(name => Path.Combine(directory, name))
                    .Select(path => new RenderOutput(paths.Relative(attempt.Final(path)), FileHash.Sha256(path)))];
            }
            else
            {
                var stems = MixRenderer.RenderStems(session, m.TrackIndex, directory, options, attempt.Progress, attempt.Cancellation);
                cache.Store(key, [.. stems.Select(s => s.Path)]);
                outputs = [.. stems.Select(s => new RenderOutput(paths.Relative(attempt.Final(s.Path)), s.Sha256))];
            }

            return new RenderResult(outputs, TaskReport.None, cached ? $"stems taken from the stem cache (key {key})" : $"stems rendered and kept in the stem cache (key {key})");
        });
    }
}
