using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RenderFarm.Contracts.Reports;
using RenderFarm.Grains.Tasks;
using RenderFarm.Grains.Titles;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// Grain state written by the version before the typed specs and reports (Data/state-before-issue-18.tsv holds
/// its bytes, made by that version's own serializer) is read by this one and brought to today's shape, so a farm
/// upgraded with catalogues in its store keeps them.
/// </summary>
public sealed class StoredStateTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(RenderTaskState).Assembly).AddAssembly(typeof(RenderTaskSpec).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly Dictionary<string, byte[]> Before = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "state-before-issue-18.tsv"))
        .Select(line => line.Split('\t')).ToDictionary(f => f[0], f => Convert.FromBase64String(f[1]), StringComparer.Ordinal);

    [Fact]
    public void TaskStateFromBefore_IsReadWithItsSpecTypedByKind()
    {
        var master = Task("master");
        var spec = Assert.IsType<MasterTaskSpec>(master.Spec);
        Assert.Equal(("cat-old/0001", 70, "mixes/song.wav", "spotify", "renders/cat-old/0001/master"), (spec.TitleId, spec.Priority, spec.MixPath, spec.Profile, spec.OutputDirectory));
        Assert.Equal((".renderfarm/masters/cat-old/0001/g1", "Band/Song", "renders/cat-old/delivery"), (spec.MasterDirectory, spec.FileStem, spec.DeliveryDirectory));
        Assert.Equal(new Contracts.ReferenceRecording("refs/ref.wav", 40), spec.Reference);
        Assert.Equal(("Song", "Band", "Record", 3, "GBAYE2600123", "5012345678900"), (spec.Tags.Title, spec.Tags.Artist, spec.Tags.Album, spec.Tags.TrackNumber, spec.Tags.Isrc, spec.Tags.Upc));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), spec.Origination);
        Assert.Equal((JobStatus.Succeeded, 2, 2, "silo-1"), (master.Status, master.Attempt, master.AttemptsUsed, master.Worker));
        Assert.Equal(["timed out", "succeeded"], master.Attempts.Select(a => a.Outcome));
        Assert.Null(master.LegacySpec);

        var album = Assert.IsType<AlbumTaskSpec>(Task("album").Spec);
        Assert.Equal(("albums/blupi.album.json", "album.json", "renders/cat-old/0002/album"), (album.AlbumPath, album.Profile, album.OutputDirectory));
        var deliverable = Assert.IsType<DeliverableTaskSpec>(Task("deliverable").Spec);
        Assert.Equal((".renderfarm/masters/cat-old/0001/g1", 1, "renders/cat-old/delivery"), (deliverable.MasterDirectory, deliverable.DeliverableIndex, deliverable.OutputDirectory));
        Assert.True(Task("deliverable").ToSend);
        var track = Assert.IsType<TrackTaskSpec>(Task("track").Spec);
        Assert.Equal(("sessions/song.json", 4, "renders/cat-old/0003/stems"), (track.SessionPath, track.TrackIndex, track.StemsDirectory));
    }

    [Fact]
    public void TitleStateFromBefore_KeepsItsStageTagsFiguresAndReportFile()
    {
        var title = Serializer.Deserialize<TitleState>(Before["title"])!;
        title.Upgrade();
        Assert.Equal(TitleStage.Deliverables, title.Stage);
        Assert.Null(title.LegacyStage);
        Assert.Equal(("Song", "Band", 3), (title.Spec!.Tags.Title, title.Spec.Tags.Artist, title.Spec.Tags.TrackNumber));
        Assert.Equal(["master", "mp3"], title.Spec.Deliverables);
        Assert.Equal(["cat-old/0001/deliver-1"], title.Pending);
        Assert.Equal(new TitleLoudness { InputLufs = -20.5, OutputLufs = -14.01, OutputTruePeakDbtp = -1.1, OutputRangeLu = 5.2, TargetLufs = -14, TargetMet = true }, title.Loudness);
        Assert.Equal(7, title.Version);

        // A running title's report is set when its master finishes; a succeeded one's is found among its outputs.
        Assert.Null(title.ReportFile);
        var done = Serializer.Deserialize<TitleState>(Before["title"])!;
        done.Status = JobStatus.Succeeded;
        done.Upgrade();
        Assert.Equal(("renders/cat-old/0001/master/report.json", "renders/cat-old/0001/master/overview.json"), (done.ReportFile, done.OverviewFile));
    }

    private static RenderTaskState Task(string name)
    {
        var state = Serializer.Deserialize<RenderTaskState>(Before[name])!;
        state.Upgrade();
        return state;
    }
}
