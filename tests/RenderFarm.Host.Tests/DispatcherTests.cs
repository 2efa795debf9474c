using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Grains;
using RenderFarm.Host.Messaging;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The dispatcher on MassTransit's test harness: each kind of task spec goes out as its command, with every
/// field carried over, the attempt's own message id (the same when an attempt is sent again) and the task's
/// priority in the header the RabbitMQ queues order by.
/// </summary>
public sealed class DispatcherTests
{
    private static readonly DateTimeOffset Origination = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryKind_GoesOutAsItsCommand_WithTheAttemptsMessageId_AndTheTasksPriority()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(validateScopes: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var counter = new DispatchCounter();
        var dispatcher = new MassTransitDispatcher(harness.Bus, counter);
        var reference = new ReferenceRecording("refs/ref.wav", 40);
        var tags = new TitleMetadata { Title = "Song", Artist = "Blupi" };

        await dispatcher.Dispatch("c/0001/track-2", 1, new TrackTaskSpec { TitleId = "c/0001", Priority = 90, SessionPath = "s.json", TrackIndex = 2, StemsDirectory = "stems" }, ct);
        await dispatcher.Dispatch("c/0001/mixdown", 1, new MixdownTaskSpec { TitleId = "c/0001", Priority = 50, SessionPath = "s.json", StemsDirectory = "stems", MixPath = "mix.wav" }, ct);
        await dispatcher.Dispatch("c/0001/restore", 1, new RestoreTaskSpec { TitleId = "c/0001", Priority = 70, InputPath = "mix.wav", Profile = "old.profile.json", OutputPath = "out/restore/restored.wav" }, ct);
        await dispatcher.Dispatch("c/0001/master", 3, new MasterTaskSpec
        {
            TitleId = "c/0001", Priority = 100, MixPath = "mix.wav", Profile = "spotify", OutputDirectory = "out", Tags = tags,
            Origination = Origination, MasterDirectory = ".renderfarm/masters/c", FileStem = "Song", DeliveryDirectory = "delivery", Reference = reference,
        }, ct);
        await dispatcher.Dispatch("c/0002/album", 1, new AlbumTaskSpec { TitleId = "c/0002", Priority = 0, AlbumPath = "a.album.json", Profile = "cd", OutputDirectory = "album", Origination = Origination, Reference = reference }, ct);
        await dispatcher.Dispatch("c/0001/flac", 2, new DeliverableTaskSpec { TitleId = "c/0001", Priority = 55, MasterDirectory = ".renderfarm/masters/c", Profile = "spotify", DeliverableIndex = 3, OutputDirectory = "out" }, ct);
        // An attempt sent again (the outbox's retry) is the same message.
        await dispatcher.Dispatch("c/0001/flac", 2, new DeliverableTaskSpec { TitleId = "c/0001", Priority = 55, MasterDirectory = ".renderfarm/masters/c", Profile = "spotify", DeliverableIndex = 3, OutputDirectory = "out" }, ct);

        var track = Sent<RenderTrack>(harness, "c/0001/track-2", 1, 9);
        Assert.Equal(new RenderTrack("c/0001/track-2", 1, "s.json", 2, "stems"), track);
        var mixdown = Sent<MixdownSession>(harness, "c/0001/mixdown", 1, 5);
        Assert.Equal(new MixdownSession("c/0001/mixdown", 1, "s.json", "stems", "mix.wav"), mixdown);
        var restore = Sent<RestoreRecording>(harness, "c/0001/restore", 1, 7);
        Assert.Equal(new RestoreRecording("c/0001/restore", 1, "mix.wav", "old.profile.json", "out/restore/restored.wav"), restore);
        var master = Sent<MasterMix>(harness, "c/0001/master", 3, 10);
        Assert.Equal(("mix.wav", "spotify", "out", Origination), (master.InputPath, master.Profile, master.OutputDirectory, master.Origination));
        Assert.Equal((".renderfarm/masters/c", "Song", "delivery"), (master.MasterDirectory, master.FileStem, master.DeliveryDirectory));
        Assert.Equal(("Song", "Blupi"), (master.Metadata.Title, master.Metadata.Artist));
        Assert.Equal(reference, master.Reference);
        var album = Sent<MasterAlbum>(harness, "c/0002/album", 1, 0);
        Assert.Equal(("a.album.json", "cd", "album", Origination, reference), (album.AlbumPath, album.Profile, album.OutputDirectory, album.Origination, album.Reference));
        // (the harness lists messages by their id: the copy sent again is the one message, counted twice)
        var deliverable = Sent<EncodeDeliverable>(harness, "c/0001/flac", 2, 5);
        Assert.Equal(new EncodeDeliverable("c/0001/flac", 2, ".renderfarm/masters/c", "spotify", 3, "out"), deliverable);
        Assert.Equal(7, counter.Sent);

        // Different attempts of a task, and different tasks, are different messages.
        Assert.NotEqual(MassTransitDispatcher.MessageIdOf("c/0001/flac", 2), MassTransitDispatcher.MessageIdOf("c/0001/flac", 3));
        Assert.NotEqual(MassTransitDispatcher.MessageIdOf("c/0001/flac", 2), MassTransitDispatcher.MessageIdOf("c/0001/mp3", 2));
    }

    // The one message of type T published, checked for the attempt's id and the priority header; its body.
    private static T Sent<T>(ITestHarness harness, string taskId, int attempt, int priority)
        where T : class
    {
        var sent = Assert.Single(harness.Published.Select<T>());
        Assert.Equal(MassTransitDispatcher.MessageIdOf(taskId, attempt), sent.Context.MessageId);
        Assert.Equal(priority, sent.Context.Headers.Get<int>(MassTransitDispatcher.PriorityHeader));
        return sent.Context.Message;
    }
}
