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
        if (File.Exists(MasterFiles.AudioPathIn(directory)))
        {
            Directory.Delete(directory, recursive: true);
        }

        // The title's and catalogue's folders above it go too once empty (not the masters' folder itself).
        var masters = paths.Resolve(".renderfarm/masters", "masters");
        for (var parent = Path.GetDirectoryName(directory); parent is not null && parent.StartsWith(masters + Path.DirectorySeparatorChar, StringComparison.Ordinal); parent = Path.GetDirectoryName(parent))
        {
            try
            {
                Directory.Delete(parent); // only when empty
            }
            catch (IOException)
            {
                break; // not empty (another title's master), or gone already
            }
        }

        return Task.CompletedTask;
    }
}
