using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Grains;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Host.Messaging;

/// <summary>
/// Publishes each attempt's command on the bus; the workers of every silo compete for it. The
/// catalogue's priority (0-10) travels in the <see cref="PriorityHeader"/> header, which a transport
/// that has priorities (RabbitMQ) turns into the message's own. The message id is the attempt's own
/// (<see cref="MessageIdOf"/>): a command sent again for the same attempt is the same message.
/// </summary>
public sealed class MassTransitDispatcher(IBus bus, DispatchCounter counter) : IRenderDispatcher
{
    public const string PriorityHeader = "RenderFarm-Priority";

    public Task Dispatch(string taskId, int attempt, RenderTaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var priority = (byte)Math.Clamp(spec.Priority / 10, 0, 10);
        var id = MessageIdOf(taskId, attempt);
        // Every command goes out with the attempt's message id and the task's priority.
        Task Send<T>(T command)
            where T : class =>
            bus.Publish(command, context =>
            {
                context.MessageId = id;
                context.Headers.Set(PriorityHeader, (int)priority);
            }, cancellationToken);

        counter.Add();
        return spec switch
        {
            TrackTaskSpec t => Send(new RenderTrack(taskId, attempt, t.SessionPath, t.TrackIndex, t.StemsDirectory)),
            MixdownTaskSpec m => Send(new MixdownSession(taskId, attempt, m.SessionPath, m.StemsDirectory, m.MixPath)),
            RestoreTaskSpec r => Send(new RestoreRecording(taskId, attempt, r.InputPath, r.Profile, r.OutputPath)),
            MasterTaskSpec m => Send(
                new MasterMix
                {
                    TaskId = taskId,
                    Attempt = attempt,
                    InputPath = m.MixPath,
                    Profile = m.Profile,
                    OutputDirectory = m.OutputDirectory,
                    Metadata = m.Tags,
                    Origination = m.Origination,
                    MasterDirectory = m.MasterDirectory,
                    FileStem = m.FileStem,
                    DeliveryDirectory = m.DeliveryDirectory,
                    Reference = m.Reference,
                }),
            AlbumTaskSpec a => Send(
                new MasterAlbum
                {
                    TaskId = taskId,
                    Attempt = attempt,
                    AlbumPath = a.AlbumPath,
                    Profile = a.Profile,
                    OutputDirectory = a.OutputDirectory,
                    Origination = a.Origination,
                    Reference = a.Reference,
                }),
            DeliverableTaskSpec d => Send(new EncodeDeliverable(taskId, attempt, d.MasterDirectory, d.Profile, d.DeliverableIndex, d.OutputDirectory)),
            _ => throw new ArgumentException($"task {taskId}: no command for a {spec.GetType().Name}", nameof(spec)),
        };
    }

    /// <summary>The message id of an attempt's command: derived from the task and the attempt (a name-based UUID).</summary>
    public static Guid MessageIdOf(string taskId, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"renderfarm-attempt\n{taskId}\n{attempt}")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-like: name based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public Task Release(string masterDirectory) => bus.Publish(new ReleaseMaster(masterDirectory));
}
