using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using RenderFarm.Contracts;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Titles;

/// <summary>
/// A title's pipeline. A session's tracks render as separate tasks (so they land on different workers);
/// when all are done the mixdown runs, then mastering; a stereo mix goes straight to mastering. The master
/// task makes a float master, then one task per deliverable makes each file from it (the master is removed
/// when all are made); a title without a list of deliverables has them made by the master task in its pass.
/// The catalogue hears of every change of status or stage, and of progress at most once a second.
/// Every change is written before it is served (<see cref="WrittenState{T}"/>). While the title runs, a reminder
/// each minute runs its tasks' clocks (a task whose silo died comes back that way) and starts a task the title
/// meant to start and could not; a task that would not start is tried again every few seconds, and the removal
/// of a float master goes through an outbox of its own, so no call to a worker is awaited inside the title's turn.
/// Pausing the title pauses its tasks (their renders stop); unpausing sends them again.
/// </summary>
public sealed partial class TitleGrain(
    [PersistentState("title", FarmStorage.Name)] IPersistentState<TitleState> state,
    DeepCopier<TitleState> copier,
    FarmClock clock,
    IRenderDispatcher dispatcher,
    ILogger<TitleGrain> logger) : Grain, ITitleGrain, IRemindable, IIncomingGrainCallFilter
{
    private static readonly TimeSpan AgainPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(10);
    private readonly WrittenState<TitleState> _written = new(state, copier);
    private IGrainTimer? _again;
    private const string ReconcileReminder = "reconcile";
    private static readonly TimeSpan ReconcilePeriod = FarmReminders.TitlePeriod;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, double> _progress = new(StringComparer.Ordinal);
    private DateTimeOffset _lastProgressReport;
    private bool _reconciling;
    private readonly Courier _courier = new();

    private TitleState S => state.State;

    private string TitleId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        S.Upgrade();
        _written.Read();
        if (S.Releases.Count > 0)
        {
            TryAgainSoon();
        }

        return base.OnActivateAsync(cancellationToken);
    }

    // Commit or deactivate for every turn: a call that throws after changing the state (a task grain unreachable
    // between a change and its write) leaves nothing unwritten behind; the caller (a task's courier) tries again.
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _written.Guarded(this, context.Invoke);
    }

    public async Task<TitleSnapshot> Start(TitleSpec spec, string catalogId, int priority, TaskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (S.Spec is not null)
        {
            // Started before (this is the catalogue asking again): make sure the title is alive, not only that it exists.
            if (S.Status == JobStatus.Running && !_reconciling)
            {
                TryAgainSoon();
            }

            return Snapshot();
        }

        S.Spec = spec;
        S.CatalogId = catalogId;
        S.Priority = priority;
        S.Policy = policy;
        S.Status = JobStatus.Running;
        S.StartedAt = clock.Now;
        await StartStage(FirstStage(spec));
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
                    await Write();
                    ReportProgress(force: true);
                    return;
                }

                if (S.Stage == TitleStage.Master)
                {
                    S.Outputs = [.. task.Outputs];
                    S.ReportFile = task.Report?.File;
                    S.OverviewFile = task.Report?.Overview;
                    S.Loudness = task.Report?.Headline;
                    if (S.Spec!.Deliverables.Count > 0)
                    {
                        await StartStage(TitleStage.Deliverables);
                        return;
                    }

                    await Succeeded();
                    return;
                }

                if (S.Stage == TitleStage.Deliverables)
                {
                    // The master's outputs with each deliverable's file in the profile's order, and their findings counted.
                    var delivered = await Task.WhenAll(Enumerable.Range(0, S.Spec!.Deliverables.Count)
                        .Select(i => GrainFactory.GetGrain<IRenderTaskGrain>(TaskIds.Deliverable(TitleId, i, S.Generation)).GetSnapshot()));
                    S.Outputs = [.. delivered.SelectMany(d => d.Outputs), .. S.Outputs];
                    S.Loudness = S.Loudness?.WithFindings(delivered.SelectMany(d => d.Report?.Deliverable?.Qc ?? []));
                    S.Releases.Add(MasterDirectory(S.Generation));
                    await Succeeded();
                    TryAgainSoon();
                    return;
                }

                if (S.Stage == TitleStage.Restore)
                {
                    S.RestoreReportFile = task.Report?.File;
                }

                await StartStage(S.Stage switch
                {
                    TitleStage.Tracks => TitleStage.Mixdown,
                    TitleStage.Mixdown when S.Spec!.Restore => TitleStage.Restore,
                    _ => TitleStage.Master,
                });
                return;

            case JobStatus.Failed:
                S.Status = JobStatus.Failed;
                S.Error = $"{S.Stage.Name()}: {task.TaskId[(TitleId.Length + 1)..]} failed: {task.Error}";
                S.EndedAt = clock.Now;
                await Changed();

                // The title is lost: its other renders stop now rather than finish for nothing.
                foreach (var id in S.Pending.Where(id => id != task.TaskId).ToArray())
                {
                    try
                    {
                        await GrainFactory.GetGrain<IRenderTaskGrain>(id).Cancel();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogTaskUnreachable(logger, e, TitleId, id);
                    }
                }

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
        if (IsEnded)
        {
            return;
        }

        if (!S.Paused)
        {
            S.Paused = true;
            await Changed();
        }

        // Running renders stop too (a task paused ends its attempt uncounted and sends none until unpaused).
        await Task.WhenAll(S.Pending.Select(id => GrainFactory.GetGrain<IRenderTaskGrain>(id).Pause()));
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
        if (S.Status == JobStatus.Running)
        {
            await Task.WhenAll(S.Pending.Select(id => GrainFactory.GetGrain<IRenderTaskGrain>(id).Unpause()));
        }
    }

    public async Task SetPriority(int priority)
    {
        S.Priority = Math.Clamp(priority, 0, 100);
        await Write();
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
        if (S.Spec is null || !S.Status.IsRetryable())
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
            if (snapshot.Status.IsRetryable())
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

        if (S.Stage is (TitleStage.Master or TitleStage.Deliverables) && S.Spec.Deliverables.Count > 0 && S.Status != JobStatus.Succeeded)
        {
            // The old generation's master is not needed any more (a finished title's is gone already).
            S.Releases.Add(MasterDirectory(S.Generation));
            TryAgainSoon();
        }

        S.Generation++;
        S.Status = JobStatus.Running;
        S.Error = null;
        S.Outputs = [];
        S.ReportFile = null;
        S.OverviewFile = null;
        S.RestoreReportFile = null;
        S.Loudness = null;
        S.EndedAt = null;
        await StartStage(FirstStage(S.Spec));
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

    public Task<TitleSnapshot?> Find() => Task.FromResult(S.Spec is null ? null : Snapshot());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (IsEnded || S.Spec is null)
        {
            await StopReconciling();
            return;
        }

        _reconciling = true; // (the reminder is in its store: a new activation need not register it again)
        await Reconcile();
    }

    // Start (again) of a started task runs its clocks and returns its state; it starts a task this grain meant
    // to start when its silo died (or the task's store was away) before it could. True when every task answered.
    private async Task<bool> Reconcile()
    {
        var stage = S.Stage;
        var specs = StageTasks(stage).ToDictionary(t => t.Id, t => t.Spec, StringComparer.Ordinal);
        var answered = true;
        foreach (var id in S.Pending.ToArray())
        {
            if (S.Stage != stage || S.StagePending || S.Paused || !IsRunning || !specs.TryGetValue(id, out var spec))
            {
                break;
            }

            RenderTaskSnapshot task;
            try
            {
                task = await GrainFactory.GetGrain<IRenderTaskGrain>(id).Start(spec, S.Policy);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTaskUnreachable(logger, e, TitleId, id);
                answered = false;
                continue;
            }

            if (task.Status.IsFinal())
            {
                await TaskEnded(task);
            }
        }

        ReportProgress(force: true);
        return answered;
    }

    // Every few seconds until done: the reconcile reminder registered, tasks that would not start started, masters released.
    private void TryAgainSoon()
    {
        _again ??= this.RegisterGrainTimer(Again, new GrainTimerCreationOptions(AgainPeriod, AgainPeriod) { KeepAlive = true });
    }

    private Task Again() => _written.Guarded(this, AgainOnce); // (as for a call: see Invoke)

    private async Task AgainOnce()
    {
        var done = await DrainReleases();
        if (IsRunning && S.Spec is not null)
        {
            done &= await EnsureReconciling() && await Reconcile();
        }

        if (done)
        {
            _again?.Dispose();
            _again = null;
        }
    }

    // Removes the float masters in the outbox: each command is awaited (within a timeout) before it leaves the outbox.
    private async Task<bool> DrainReleases()
    {
        foreach (var directory in S.Releases.ToArray())
        {
            try
            {
                using var timeout = new CancellationTokenSource(ReleaseTimeout);
                await dispatcher.Release(directory).WaitAsync(timeout.Token);
            }
            catch (Exception e)
            {
                LogReleaseFailed(logger, e, TitleId, directory);
                return false;
            }

            S.Releases.Remove(directory);
            await Write();
        }

        return true;
    }

    private async Task<bool> EnsureReconciling()
    {
        if (_reconciling)
        {
            return true;
        }

        try
        {
            await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
            _reconciling = true;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReminderFailed(logger, e, TitleId);
            return false;
        }
    }

    private bool IsRunning => S.Status == JobStatus.Running;

    private async Task StopReconciling()
    {
        _reconciling = false;
        if (await this.GetReminder(ReconcileReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private bool IsEnded => S.Status.IsFinal();

    // The float master of a generation: in the media root's work area, not in the title's delivery folder.
    private string MasterDirectory(int generation) =>
        string.Create(CultureInfo.InvariantCulture, $".renderfarm/masters/{TitleId}/g{generation}");

    private async Task Succeeded()
    {
        S.Status = JobStatus.Succeeded;
        S.Stage = TitleStage.Done;
        S.EndedAt = clock.Now;
        await Changed();
    }

    // Sessions start with their tracks; recordings with their restore when the profile has one, else their master.
    private static TitleStage FirstStage(TitleSpec spec) =>
        spec.Kind == TitleKind.Session ? TitleStage.Tracks : spec.Restore ? TitleStage.Restore : TitleStage.Master;

    private async Task StartStage(TitleStage stage)
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
            RenderTaskSnapshot started;
            try
            {
                started = await GrainFactory.GetGrain<IRenderTaskGrain>(id).Start(taskSpec, S.Policy);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // (its store away, its silo going): started again in a few seconds, and by the reconcile after that
                LogTaskUnreachable(logger, e, TitleId, id);
                TryAgainSoon();
                continue;
            }

            if (started.Status.IsFinal())
            {
                // A task kept from before (a title started again): its result stands.
                await TaskEnded(started);
            }
        }
    }

    // The tasks of a stage of this generation, with their specs (the same each time they are asked for).
    private List<(string Id, RenderTaskSpec Spec)> StageTasks(TitleStage stage)
    {
        var spec = S.Spec!;
        var output = spec.OutputDirectory;
        var stems = Path.Combine(output, "stems");
        var mix = spec.Kind == TitleKind.Session ? Path.Combine(output, "mix.wav") : spec.Source;
        var masterOutput = Path.Combine(output, "master");
        var restored = Path.Combine(output, "restore", "restored.wav");
        var origination = S.StartedAt ?? clock.Now;
        var reference = spec.Reference is { } path ? new ReferenceRecording(path, spec.ReferenceAmount) : null;
        return stage switch
        {
            TitleStage.Tracks => [.. spec.Tracks.Select(t => (TaskIds.Track(TitleId, t, S.Generation), (RenderTaskSpec)new TrackTaskSpec
            {
                TitleId = TitleId, Priority = S.Priority, SessionPath = spec.Source, TrackIndex = t, StemsDirectory = stems,
            }))],
            TitleStage.Mixdown => [(TaskIds.Mixdown(TitleId, S.Generation), new MixdownTaskSpec
            {
                TitleId = TitleId, Priority = S.Priority, SessionPath = spec.Source, StemsDirectory = stems, MixPath = mix,
            })],
            TitleStage.Master when spec.Kind == TitleKind.Album => [(TaskIds.Master(TitleId, S.Generation), new AlbumTaskSpec
            {
                TitleId = TitleId, Priority = S.Priority, AlbumPath = spec.Source, Profile = spec.Profile, OutputDirectory = Path.Combine(output, "album"),
                Origination = origination, Reference = reference,
            })],
            TitleStage.Restore => [(TaskIds.Restore(TitleId, S.Generation), new RestoreTaskSpec
            {
                TitleId = TitleId, Priority = S.Priority, InputPath = mix, Profile = spec.Profile, OutputPath = restored,
            })],
            TitleStage.Master => [(TaskIds.Master(TitleId, S.Generation), new MasterTaskSpec
            {
                TitleId = TitleId, Priority = S.Priority, MixPath = spec.Restore ? restored : mix, Profile = spec.Profile, OutputDirectory = masterOutput, Tags = spec.Tags,
                Origination = origination, MasterDirectory = spec.Deliverables.Count > 0 ? MasterDirectory(S.Generation) : null,
                FileStem = spec.FileStem, DeliveryDirectory = spec.DeliveryDirectory, Reference = reference,
            })],
            TitleStage.Deliverables => [.. spec.Deliverables.Select((_, i) => (TaskIds.Deliverable(TitleId, i, S.Generation), (RenderTaskSpec)new DeliverableTaskSpec
            {
                TitleId = TitleId, Priority = S.Priority, MasterDirectory = MasterDirectory(S.Generation), Profile = spec.Profile, DeliverableIndex = i,
                OutputDirectory = spec.DeliveryDirectory ?? masterOutput,
            }))],
            TitleStage.Waiting or TitleStage.Done => [],
            _ => throw new InvalidOperationException($"title {TitleId}: no stage {stage}"),
        };
    }

    private async Task Changed()
    {
        S.Version++;
        await Write();
        ReportProgress(force: true);
        if (IsEnded)
        {
            try
            {
                await StopReconciling();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReminderFailed(logger, e, TitleId); // an ended title's reminder finds it ended and goes then
            }
        }
        else if (S.Status == JobStatus.Running && !await EnsureReconciling())
        {
            TryAgainSoon();
        }
    }

    private Task Write() => _written.Write(this);

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

    // Sessions: tracks 0 to 0.5, mixdown to 0.6, restore (when the profile has one) to 0.7, master to 0.9 (to 1
    // when it makes the deliverables), deliverables to 1; mixes: restore 0 to 0.3, master to 0.8 (or 1), deliverables to 1.
    private double Progress()
    {
        if (S.Status == JobStatus.Succeeded)
        {
            return 1.0;
        }

        var done = S.Pending.Count == 0 ? 0.0 : S.Pending.Average(id => _progress.GetValueOrDefault(id));
        var finished = S.Spec?.Tracks.Count(t => !S.Pending.Contains(TaskIds.Track(TitleId, t, S.Generation))) ?? 0;
        var separate = S.Spec?.Deliverables.Count > 0;
        var (restoreStart, deliverStart) = S.Spec?.Kind == TitleKind.Session ? (0.6, separate ? 0.9 : 1.0) : (0.0, separate ? 0.8 : 1.0);
        var masterStart = S.Spec?.Restore == true ? restoreStart + (S.Spec.Kind == TitleKind.Session ? 0.1 : 0.3) : restoreStart;
        return S.Stage switch
        {
            TitleStage.Waiting => 0,
            TitleStage.Tracks => 0.5 * (finished + (done * S.Pending.Count)) / Math.Max(1, S.Spec!.Tracks.Count),
            TitleStage.Mixdown => 0.5 + (0.1 * done),
            TitleStage.Restore => restoreStart + ((masterStart - restoreStart) * done),
            TitleStage.Master => masterStart + ((deliverStart - masterStart) * done),
            TitleStage.Deliverables => deliverStart + ((1.0 - deliverStart) * done),
            TitleStage.Done => 1,
            _ => 0,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "title {TitleId}: task {TaskId} did not answer; trying again")]
    private static partial void LogTaskUnreachable(ILogger logger, Exception exception, string titleId, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "title {TitleId}: the float master {Directory} could not be released yet; trying again")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string titleId, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "title {TitleId}: its reconcile reminder could not be registered yet; trying again")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string titleId);

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
        ReportFile = S.ReportFile,
        OverviewFile = S.OverviewFile,
        RestoreReportFile = S.RestoreReportFile,
        Loudness = S.Loudness,
        Error = S.Error,
        Paused = S.Paused,
        StartedAt = S.StartedAt,
        EndedAt = S.EndedAt,
        Version = S.Version,
        Generation = S.Generation,
    };
}
