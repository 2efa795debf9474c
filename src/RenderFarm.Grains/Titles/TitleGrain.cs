using System.Globalization;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Titles;

/// <summary>
/// A title's pipeline. A session's tracks render as separate tasks (so they land on different workers);
/// when all are done the mixdown runs, then mastering; a stereo mix goes straight to mastering. The master
/// task makes a float master, then one task per deliverable makes each file from it (the master is removed
/// when all are made); a title without a list of deliverables has them made by the master task in its pass.
/// The catalogue hears of every change of status or stage, and of progress at most once a second.
/// </summary>
public sealed class TitleGrain(
    [PersistentState("title", FarmStorage.Name)] IPersistentState<TitleState> state,
    FarmClock clock,
    IRenderDispatcher dispatcher) : Grain, ITitleGrain, IRemindable
{
    private const string ReconcileReminder = "reconcile";
    private static readonly TimeSpan ReconcilePeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, double> _progress = new(StringComparer.Ordinal);
    private DateTimeOffset _lastProgressReport;
    private bool _reconciling;
    private readonly Courier _courier = new();

    private TitleState S => state.State;

    private string TitleId => this.GetPrimaryKeyString();

    public async Task<TitleSnapshot> Start(TitleSpec spec, string catalogId, int priority, TaskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (S.Spec is not null)
        {
            return Snapshot();
        }

        S.Spec = spec;
        S.CatalogId = catalogId;
        S.Priority = priority;
        S.Policy = policy;
        S.Status = JobStatus.Running;
        S.StartedAt = clock.Now;
        await StartStage(spec.Kind == TitleKind.Session ? TitleStages.Tracks : TitleStages.Master);
        return Snapshot();
    }

    public async Task TaskEnded(RenderTaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!S.Pending.Contains(task.TaskId) || S.Status != JobStatus.Running)
        {
            return;
        }

        _progress[task.TaskId] = 1.0;
        switch (task.Status)
        {
            case JobStatus.Succeeded:
                S.Pending.Remove(task.TaskId);
                if (S.Pending.Count > 0)
                {
                    await state.WriteStateAsync();
                    ReportProgress(force: true);
                    return;
                }

                if (S.Stage == TitleStages.Master)
                {
                    S.Outputs = [.. task.Outputs];
                    S.ReportJson = task.ReportJson;
                    if (S.Spec!.Deliverables.Count > 0)
                    {
                        await StartStage(TitleStages.Deliverables);
                        return;
                    }

                    await Succeeded();
                    return;
                }

                if (S.Stage == TitleStages.Deliverables)
                {
                    // The master's report and outputs, with each deliverable's file and check in the profile's order.
                    var delivered = await Task.WhenAll(Enumerable.Range(0, S.Spec!.Deliverables.Count)
                        .Select(i => GrainFactory.GetGrain<IRenderTaskGrain>(TaskIds.Deliverable(TitleId, i, S.Generation)).GetSnapshot()));
                    S.Outputs = [.. delivered.SelectMany(d => d.Outputs), .. S.Outputs];
                    S.ReportJson = TitleReport.WithDeliverables(S.ReportJson, S.Spec.Deliverables, delivered.Select(d => d.ReportJson).ToList());
                    await Succeeded();
                    await dispatcher.Release(MasterDirectory(S.Generation));
                    return;
                }

                await StartStage(S.Stage == TitleStages.Tracks ? TitleStages.Mixdown : TitleStages.Master);
                return;

            case JobStatus.Failed:
                S.Status = JobStatus.Failed;
                S.Error = $"{S.Stage}: {task.TaskId[(TitleId.Length + 1)..]} failed: {task.Error}";
                S.EndedAt = clock.Now;
                await Changed();
                return;

            case JobStatus.Cancelled:
                S.Status = JobStatus.Cancelled;
                S.EndedAt = clock.Now;
                await Changed();
                return;
        }
    }

    public Task TaskProgressed(string taskId, double fraction)
    {
        if (S.Pending.Contains(taskId))
        {
            _progress[taskId] = fraction;
            ReportProgress(force: false);
        }

        return Task.CompletedTask;
    }

    public async Task Pause()
    {
        if (S.Paused || IsEnded)
        {
            return;
        }

        S.Paused = true;
        await Changed();
    }

    public async Task Unpause()
    {
        if (!S.Paused)
        {
            return;
        }

        S.Paused = false;
        if (S.StagePending && S.Status == JobStatus.Running)
        {
            await StartStage(S.Stage);
            return;
        }

        await Changed();
    }

    public async Task SetPriority(int priority)
    {
        S.Priority = Math.Clamp(priority, 0, 100);
        await state.WriteStateAsync();
    }

    public async Task Cancel()
    {
        if (S.Spec is null || IsEnded)
        {
            return;
        }

        foreach (var id in S.Pending)
        {
            await GrainFactory.GetGrain<IRenderTaskGrain>(id).Cancel();
        }

        S.Status = JobStatus.Cancelled;
        S.EndedAt = clock.Now;
        await Changed();
    }

    public async Task Retry()
    {
        if (S.Spec is null || S.Status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            return;
        }

        S.Status = JobStatus.Running;
        S.Error = null;
        S.EndedAt = null;
        if (S.StagePending)
        {
            await StartStage(S.Stage);
            return;
        }

        await Changed();
        foreach (var id in S.Pending.ToArray())
        {
            var task = GrainFactory.GetGrain<IRenderTaskGrain>(id);
            var snapshot = await task.GetSnapshot();
            if (snapshot.Status is JobStatus.Failed or JobStatus.Cancelled)
            {
                await task.Retry();
            }
            else if (snapshot.Status == JobStatus.Succeeded)
            {
                // It finished while the title was failed or cancelled: take it now.
                await TaskEnded(snapshot);
            }
        }
    }

    public async Task Rerender()
    {
        if (S.Spec is null || !IsEnded)
        {
            return;
        }

        if (S.Stage is (TitleStages.Master or TitleStages.Deliverables) && S.Spec.Deliverables.Count > 0 && S.Status != JobStatus.Succeeded)
        {
            // The old generation's master is not needed any more (a finished title's is gone already).
            await dispatcher.Release(MasterDirectory(S.Generation));
        }

        S.Generation++;
        S.Status = JobStatus.Running;
        S.Error = null;
        S.Outputs = [];
        S.ReportJson = null;
        S.Loudness = null;
        S.EndedAt = null;
        await StartStage(S.Spec.Kind == TitleKind.Session ? TitleStages.Tracks : TitleStages.Master);
    }

    public async Task Recover()
    {
        if (S.Spec is null || S.Status != JobStatus.Running)
        {
            return;
        }

        if (S.StagePending)
        {
            if (!S.Paused)
            {
                await StartStage(S.Stage);
            }

            return;
        }

        // A started task re-dispatches its lost attempt; one this grain never got to start is started.
        var specs = StageTasks(S.Stage).ToDictionary(t => t.Id, t => t.Spec, StringComparer.Ordinal);
        foreach (var id in S.Pending.ToArray())
        {
            var task = GrainFactory.GetGrain<IRenderTaskGrain>(id);
            await task.Recover();
            if (specs.TryGetValue(id, out var spec))
            {
                await task.Start(spec, S.Policy);
            }
        }

        ReportProgress(force: true);
    }

    public Task<TitleSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (IsEnded || S.Spec is null)
        {
            await StopReconciling();
            return;
        }

        // Start (again) is a no-op for a started task and returns its state; it starts a task this grain
        // meant to start when its silo died before it could.
        var stage = S.Stage;
        var specs = StageTasks(stage).ToDictionary(t => t.Id, t => t.Spec, StringComparer.Ordinal);
        foreach (var id in S.Pending.ToArray())
        {
            if (S.Stage != stage || S.StagePending || S.Paused || !specs.TryGetValue(id, out var spec))
            {
                break;
            }

            var task = await GrainFactory.GetGrain<IRenderTaskGrain>(id).Start(spec, S.Policy);
            if (task.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            {
                await TaskEnded(task);
            }
        }

        ReportProgress(force: true);
    }

    private async Task StopReconciling()
    {
        _reconciling = false;
        if (await this.GetReminder(ReconcileReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private bool IsEnded => S.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    // The float master of a generation: in the media root's work area, not in the title's delivery folder.
    private string MasterDirectory(int generation) =>
        string.Create(CultureInfo.InvariantCulture, $".renderfarm/masters/{TitleId}/g{generation}");

    private async Task Succeeded()
    {
        S.Loudness = TitleReport.Loudness(S.ReportJson);
        S.Status = JobStatus.Succeeded;
        S.Stage = TitleStages.Done;
        S.EndedAt = clock.Now;
        await Changed();
    }

    private async Task StartStage(string stage)
    {
        S.Stage = stage;
        if (S.Paused)
        {
            S.StagePending = true;
            await Changed();
            return;
        }

        var tasks = StageTasks(stage);
        S.StagePending = false;
        S.Pending = [.. tasks.Select(t => t.Id)];
        S.Tasks.AddRange(S.Pending.Where(id => !S.Tasks.Contains(id)));
        _progress.Clear();
        await Changed();
        foreach (var (id, taskSpec) in tasks)
        {
            var started = await GrainFactory.GetGrain<IRenderTaskGrain>(id).Start(taskSpec, S.Policy);
            if (started.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            {
                // A task kept from before (a title started again): its result stands.
                await TaskEnded(started);
            }
        }
    }

    // The tasks of a stage of this generation, with their specs (the same each time they are asked for).
    private List<(string Id, RenderTaskSpec Spec)> StageTasks(string stage)
    {
        var spec = S.Spec!;
        var output = spec.OutputDirectory;
        var stems = Path.Combine(output, "stems");
        var mix = spec.Kind == TitleKind.Session ? Path.Combine(output, "mix.wav") : spec.Source;
        RenderTaskSpec Task(TaskKind kind) => new()
        {
            Kind = kind,
            TitleId = TitleId,
            SessionPath = spec.Kind == TitleKind.Session ? spec.Source : null,
            StemsDirectory = stems,
            MixPath = mix,
            Profile = spec.Profile,
            OutputDirectory = Path.Combine(output, spec.Kind == TitleKind.Album ? "album" : "master"),
            Tags = spec.Tags,
            Priority = S.Priority,
            Origination = S.StartedAt ?? clock.Now,
            MasterDirectory = spec.Deliverables.Count > 0 ? MasterDirectory(S.Generation) : null,
            Album = spec.Kind == TitleKind.Album,
            FileStem = spec.FileStem,
            DeliveryDirectory = spec.DeliveryDirectory,
            Reference = spec.Reference,
            ReferenceAmount = spec.ReferenceAmount,
        };

        return stage switch
        {
            TitleStages.Tracks => [.. spec.Tracks.Select(t => (TaskIds.Track(TitleId, t, S.Generation), Task(TaskKind.Track) with { TrackIndex = t }))],
            TitleStages.Mixdown => [(TaskIds.Mixdown(TitleId, S.Generation), Task(TaskKind.Mixdown))],
            TitleStages.Master => [(TaskIds.Master(TitleId, S.Generation), Task(TaskKind.Master))],
            _ => [.. spec.Deliverables.Select((_, i) => (TaskIds.Deliverable(TitleId, i, S.Generation), Task(TaskKind.Deliverable) with { DeliverableIndex = i, OutputDirectory = spec.DeliveryDirectory ?? Path.Combine(output, "master") }))],
        };
    }

    private async Task Changed()
    {
        S.Version++;
        await state.WriteStateAsync();
        ReportProgress(force: true);
        if (IsEnded)
        {
            await StopReconciling();
        }
        else if (S.Status == JobStatus.Running && !_reconciling)
        {
            // Once per activation: the reminder lives on in its store until the title ends.
            await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
            _reconciling = true;
        }
    }

    private void ReportProgress(bool force)
    {
        var now = clock.Now;
        if (!force && now - _lastProgressReport < ProgressInterval)
        {
            return;
        }

        _lastProgressReport = now;
        if (!string.IsNullOrEmpty(S.CatalogId))
        {
            var snapshot = Snapshot();
            var catalog = GrainFactory.GetGrain<ICatalogGrain>(S.CatalogId);
            _courier.Send(this, () => catalog.TitleChanged(snapshot));
        }
    }

    // Sessions: tracks 0 to 0.5, mixdown to 0.6, master to 0.9 (to 1 when it makes the deliverables),
    // deliverables to 1; mixes: master 0 to 0.8 (or 1), deliverables to 1.
    private double Progress()
    {
        if (S.Status == JobStatus.Succeeded)
        {
            return 1.0;
        }

        var done = S.Pending.Count == 0 ? 0.0 : S.Pending.Average(id => _progress.GetValueOrDefault(id));
        var finished = S.Spec?.Tracks.Count(t => !S.Pending.Contains(TaskIds.Track(TitleId, t, S.Generation))) ?? 0;
        var separate = S.Spec?.Deliverables.Count > 0;
        var (masterStart, deliverStart) = S.Spec?.Kind == TitleKind.Session ? (0.6, separate ? 0.9 : 1.0) : (0.0, separate ? 0.8 : 1.0);
        return S.Stage switch
        {
            TitleStages.Tracks => 0.5 * (finished + (done * S.Pending.Count)) / Math.Max(1, S.Spec!.Tracks.Count),
            TitleStages.Mixdown => 0.5 + (0.1 * done),
            TitleStages.Master => masterStart + ((deliverStart - masterStart) * done),
            _ => deliverStart + ((1.0 - deliverStart) * done),
        };
    }

    private TitleSnapshot Snapshot() => new()
    {
        TitleId = TitleId,
        CatalogId = S.CatalogId,
        Spec = S.Spec ?? throw new InvalidOperationException($"title {TitleId} was never started"),
        Status = S.Status,
        Stage = S.Stage,
        Progress = Progress(),
        Tasks = [.. S.Tasks],
        Outputs = [.. S.Outputs],
        ReportJson = S.ReportJson,
        Loudness = S.Loudness,
        Error = S.Error,
        Paused = S.Paused,
        StartedAt = S.StartedAt,
        EndedAt = S.EndedAt,
        Version = S.Version,
        Generation = S.Generation,
    };
}
