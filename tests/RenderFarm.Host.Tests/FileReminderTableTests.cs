using Microsoft.Extensions.Logging.Abstractions;
using RenderFarm.Host.Storage;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The embedded default's reminder table: what was registered is there after the process is gone (the
/// in-memory table it replaces forgets every catalogue's and title's reminder on a restart), a removed
/// reminder stays removed, a stale etag removes nothing, a journal line cut short by a crash is dropped,
/// and a silo's share of the ring (begin, end] is read as Orleans asks, wrapping around.
/// </summary>
public sealed class FileReminderTableTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("reminders");

    [Fact]
    public async Task Reminders_OutliveTheProcess_RemovalsToo_AndATornLastLineIsDropped()
    {
        var catalog = GrainId.Create("catalog", "c-1");
        var title = GrainId.Create("title", "c-1-0001");
        var start = new DateTime(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc);
        string kept, removed;
        using (var table = Table())
        {
            await table.Init();
            kept = (await table.UpsertRow(Entry(catalog, "keep-starting", start, TimeSpan.FromMinutes(1))))!;
            removed = (await table.UpsertRow(Entry(title, "reconcile", start, TimeSpan.FromMinutes(1))))!;
            var again = await table.UpsertRow(Entry(title, "reconcile", start.AddMinutes(5), TimeSpan.FromMinutes(2)));
            Assert.False(await table.RemoveRow(title, "reconcile", removed)); // an old etag removes nothing
            Assert.True(await table.RemoveRow(title, "reconcile", again!));
            await table.UpsertRow(Entry(title, "other", start, TimeSpan.FromHours(1)));
        }

        // A crash cut the next line short.
        await File.AppendAllTextAsync(Path.Combine(_folder, "reminders.jsonl"), """{"Grain":"title/c-1-0002","Na""", TestContext.Current.CancellationToken);
        using (var table = Table())
        {
            await table.Init();
            var row = await table.ReadRow(catalog, "keep-starting");
            Assert.NotNull(row);
            Assert.Equal((start, TimeSpan.FromMinutes(1), kept), (row.StartAt, row.Period, row.ETag));
            Assert.Null(await table.ReadRow(title, "reconcile"));
            Assert.Equal(["other"], (await table.ReadRows(title)).Reminders.Select(r => r.ReminderName));
            Assert.Equal(2, (await table.ReadRows(0u, 0u)).Reminders.Count); // the whole ring

            // New etags never repeat one handed out before the restart.
            var next = await table.UpsertRow(Entry(catalog, "keep-starting", start, TimeSpan.FromMinutes(1)));
            Assert.True(long.Parse(next!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(kept, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task ARange_IsTheSilosShareOfTheRing_WrappingAround()
    {
        using var table = Table();
        await table.Init();
        var grains = Enumerable.Range(0, 200).Select(i => GrainId.Create("title", $"t-{i}")).ToArray();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var (begin, end) = (hashes[50], hashes[150]);
        var middle = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).ToArray();
        Assert.Equal(100, middle.Length); // (begin, end]: the 51st to the 151st
        Assert.All(middle, h => Assert.InRange(h, begin + 1, end));
        var wrapped = (await table.ReadRows(end, begin)).Reminders.Count;
        Assert.Equal(100, wrapped); // the rest of the ring
        Assert.Equal(200, middle.Length + wrapped);
    }

    [Fact]
    public async Task HundredsOfChanges_KeepTheJournalAsSmallAsTheLiveRows()
    {
        using var table = Table();
        await table.Init();
        var grain = GrainId.Create("catalog", "busy");
        for (var i = 0; i < 600; i++)
        {
            var etag = await table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
            Assert.True(await table.RemoveRow(grain, "r", etag!));
        }

        await table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        Assert.True(File.ReadAllLines(Path.Combine(_folder, "reminders.jsonl")).Length <= 260, "the journal was never compacted");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FileReminderTable Table() => new(_folder, NullLogger<FileReminderTable>.Instance);

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start, Period = period };
}
