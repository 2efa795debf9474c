using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Mastering;

namespace RenderFarm.Worker.Consumers;

/// <summary>Removes a title's float master once its deliverables are made (only a folder that holds a master, inside the media root).</summary>
public sealed class ReleaseMasterConsumer(MediaPaths paths) : IConsumer<ReleaseMaster>
{
    public Task Consume(ConsumeContext<ReleaseMaster> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = paths.Resolve(context.Message.MasterDirectory, "master directory");
        if (Directory.Exists(directory) && (MasterFiles.Exists(directory) || File.Exists(MasterFiles.AudioPathIn(directory))))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
