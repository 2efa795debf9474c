using MassTransit;
using RenderFarm.Contracts;

namespace RenderFarm.Grains.Messaging;

/// <summary>
/// Publishes each attempt's command on the bus; the workers of every silo compete for it. The
/// catalogue's priority (0-10) travels in the <see cref="PriorityHeader"/> header, which a transport
/// that has priorities (RabbitMQ) turns into the message's own.
/// </summary>
public sealed class MassTransitDispatcher(IBus bus, DispatchCounter counter) : IRenderDispatcher
{
    public const string PriorityHeader = "RenderFarm-Priority";

    public Task Dispatch(string taskId, int attempt, RenderTaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var priority = (byte)Math.Clamp(spec.Priority / 10, 0, 10);
        void Prioritise(PublishContext context) => context.Headers.Set(PriorityHeader, (int)priority);
        counter.Add();
        return spec.Kind switch
        {
            TaskKind.Track => bus.Publish(
                new RenderTrack(taskId, attempt, Required(spec.SessionPath), spec.TrackIndex, Required(spec.StemsDirectory)),
                (Action<PublishContext<RenderTrack>>)Prioritise, cancellationToken),
            TaskKind.Mixdown => bus.Publish(
                new MixdownSession(taskId, attempt, Required(spec.SessionPath), Required(spec.StemsDirectory), Required(spec.MixPath)),
                (Action<PublishContext<MixdownSession>>)Prioritise, cancellationToken),
            TaskKind.Master => bus.Publish(
                new MasterMix(taskId, attempt, Required(spec.MixPath), Required(spec.Profile), Required(spec.OutputDirectory), Tags(spec.Tags), spec.Origination, spec.MasterDirectory, spec.Album, spec.FileStem, spec.DeliveryDirectory, spec.Reference, spec.ReferenceAmount),
                (Action<PublishContext<MasterMix>>)Prioritise, cancellationToken),
            _ => bus.Publish(
                new EncodeDeliverable(taskId, attempt, Required(spec.MasterDirectory), Required(spec.Profile), spec.DeliverableIndex, Required(spec.OutputDirectory)),
                (Action<PublishContext<EncodeDeliverable>>)Prioritise, cancellationToken),
        };
    }

    public Task Release(string masterDirectory) => bus.Publish(new ReleaseMaster(masterDirectory));

    private static string Required(string? value) => value ?? throw new ArgumentException("the task spec lacks a path its command needs");

    private static TitleMetadata Tags(TitleTags tags) => new()
    {
        Title = tags.Title,
        Artist = tags.Artist,
        Album = tags.Album,
        TrackNumber = tags.TrackNumber,
        Isrc = tags.Isrc,
        Upc = tags.Upc,
    };
}
