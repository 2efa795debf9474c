namespace RenderFarm.Grains.Catalogs;

/// <summary>
/// A catalogue: starts its titles (200 a turn, the first batch in the call that submits it, the others from
/// a timer, so a back catalogue of 10,000 neither outlives the call nor shuts out its titles' reports; how
/// far it has got is persisted and a new activation goes on), keeps the last word from each, and ends when every title has ended
/// (succeeded when all did, failed when any failed, cancelled when cancelled). Its state is written when
/// its own status changes; the titles' reports are kept in memory (a new activation asks the titles), so
/// a title's change costs the same in a catalogue of 20 or 2,000. Titles report by one-way calls, which a dying
/// silo can lose: while the catalogue runs, a reminder asks its running titles each minute. When it ends
/// (each time it ends, after a retry too) its webhook, if any, is called with the snapshot.
/// </summary>
public sealed class CatalogGrain(
    [PersistentState("catalog", FarmStorage.Name)] IPersistentState<CatalogState> state,
    FarmClock clock,
    ICatalogNotifier notifier) : Grain, ICatalogGrain, IRemindable
{
    private const string ReconcileReminder = "reconcile";

    /// <summary>Titles started in one turn: each batch is well inside a call's time limit however large the catalogue.</summary>
    public const int StartBatch = 200;

    private static readonly TimeSpan ReconcilePeriod = TimeSpan.FromMinutes(1);
    // The last word from each title, kept in memory only: writing it with the catalogue on every change
    // would cost the whole catalogue per title change. A new activation asks the titles again.
    private readonly Dictionary<string, TitleSnapshot> _titles = new(StringComparer.Ordinal);
    private readonly int[] _counts = new int[Enum.GetValues<JobStatus>().Length];
    private IGrainTimer? _starter;

    private CatalogState S => state.State;

    private string CatalogId => this.GetPrimaryKeyString();

    public async Task<CatalogSnapshot> Submit(CatalogSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (S.Spec is not null)
        {
            return Snapshot();
        }

        S.Spec = spec;
        S.Priority = Math.Clamp(spec.Priority, 0, 100);
        S.Status = JobStatus.Running;
        S.CreatedAt = clock.Now;
        S.TitleIds = [.. spec.Titles.Select((_, i) => TaskIds.Title(CatalogId, i))];
        S.NotStarted = S.TitleIds.Count;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
        await GrainFactory.GetGrain<ICatalogIndexGrain>(0).Add(CatalogId);

        // The first batch starts now; a larger catalogue's others from a timer, a batch a turn, so the call
        // returns at once and the titles' reports are taken between batches (10,000 titles started in one
        // call outlived the call's 30 s and left the catalogue half started).
        await StartNext();
        KeepStarting();
        return Snapshot();
    }

    public async Task TitleChanged(TitleSnapshot title)
    {
        ArgumentNullException.ThrowIfNull(title);
        await KnowTitles();
        Put(title);
        var before = (S.Status, S.EndedAt);
        UpdateStatus();
        if ((S.Status, S.EndedAt) != before)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<CatalogSnapshot> GetSnapshot()
    {
        await KnowTitles();
        return Snapshot();
    }

    public async Task Cancel()
    {
        StopStarting();
        S.NotStartedCancelled = S.NotStarted > 0;
        await ForTitles(t => t.Status is JobStatus.Queued or JobStatus.Running, t => t.Cancel());
        UpdateStatus();
        await state.WriteStateAsync();
    }

    public async Task Pause()
    {
        S.Paused = true;
        await state.WriteStateAsync();
        await ForTitles(t => t.Status is JobStatus.Queued or JobStatus.Running, t => t.Pause());
        await state.WriteStateAsync();
    }

    public async Task Unpause()
    {
        S.Paused = false;
        await state.WriteStateAsync();
        await ForTitles(t => t.Paused, t => t.Unpause());
        await state.WriteStateAsync();
    }

    public async Task RetryFailed()
    {
        await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
        await ForTitles(t => t.Status is JobStatus.Failed or JobStatus.Cancelled, t => t.Retry());
        S.NotStartedCancelled = false;
        KeepStarting();
        UpdateStatus();
        await state.WriteStateAsync();
    }

    public async Task SetPriority(int priority)
    {
        S.Priority = Math.Clamp(priority, 0, 100);
        await state.WriteStateAsync();
        await ForTitles(t => t.Status is JobStatus.Queued or JobStatus.Running, t => t.SetPriority(S.Priority));
    }

    public async Task Rerender()
    {
        await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
        await ForTitles(t => t.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled, t => t.Rerender());
        S.NotStartedCancelled = false;
        KeepStarting();
        UpdateStatus();
        await state.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await KnowTitles();
        KeepStarting();
        foreach (var id in Started.Where(id => _titles.GetValueOrDefault(id) is null or { Status: JobStatus.Queued or JobStatus.Running }).ToArray())
        {
            await TitleChanged(await GrainFactory.GetGrain<ITitleGrain>(id).GetSnapshot());
        }

        UpdateStatus();
        if (S.Status is not (JobStatus.Queued or JobStatus.Running) && await this.GetReminder(ReconcileReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task Recover()
    {
        await KnowTitles();
        foreach (var id in Started)
        {
            await GrainFactory.GetGrain<ITitleGrain>(id).Recover();
        }

        KeepStarting();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A catalogue whose silo went down while it started its titles goes on where it was.
        KeepStarting();
        return base.OnActivateAsync(cancellationToken);
    }

    // The titles started so far (the catalogue's first ones, in order).
    private IEnumerable<string> Started => S.TitleIds.Take(S.TitleIds.Count - S.NotStarted);

    // Starts the next batch of titles (side by side: each writes its state and dispatches its first tasks),
    // paused if the catalogue is, and records how far it has got.
    private async Task StartNext()
    {
        if (S.Spec is not { } spec || S.NotStarted == 0 || S.NotStartedCancelled)
        {
            return;
        }

        var from = S.TitleIds.Count - S.NotStarted;
        var count = Math.Min(StartBatch, S.NotStarted);
        var grains = Enumerable.Range(from, count).Select(i => GrainFactory.GetGrain<ITitleGrain>(S.TitleIds[i])).ToArray();
        var started = await Task.WhenAll(grains.Select((g, k) => g.Start(spec.Titles[from + k], CatalogId, S.Priority, spec.Policy)));
        foreach (var title in started)
        {
            Put(title);
        }

        if (S.Paused)
        {
            await Task.WhenAll(grains.Select(g => g.Pause()));
            foreach (var title in await Task.WhenAll(grains.Select(g => g.GetSnapshot())))
            {
                Put(title);
            }
        }

        S.NotStarted -= count;
        UpdateStatus();
        await state.WriteStateAsync();
    }

    private void KeepStarting()
    {
        if (_starter is not null || S.Spec is null || S.NotStarted == 0 || S.NotStartedCancelled)
        {
            return;
        }

        _starter = this.RegisterGrainTimer(async () =>
        {
            await StartNext();
            if (S.NotStarted == 0 || S.NotStartedCancelled)
            {
                StopStarting();
            }
        }, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(20)));
    }

    private void StopStarting()
    {
        _starter?.Dispose();
        _starter = null;
    }

    // After an activation, asks every title not heard from yet (side by side).
    private async Task KnowTitles()
    {
        if (S.Spec is null || _titles.Count == S.TitleIds.Count - S.NotStarted)
        {
            return;
        }

        var missing = Started.Where(id => !_titles.ContainsKey(id)).ToArray();
        var snapshots = await Task.WhenAll(missing.Select(id => GrainFactory.GetGrain<ITitleGrain>(id).GetSnapshot()));
        foreach (var snapshot in snapshots)
        {
            Put(snapshot);
        }

        UpdateStatus();
    }

    // Acts on the titles that match, a batch side by side at a time, then takes their new state at once
    // rather than waiting for their reports.
    private async Task ForTitles(Func<TitleSnapshot, bool> which, Func<ITitleGrain, Task> action)
    {
        await KnowTitles();
        var matching = S.TitleIds.Where(id => _titles.TryGetValue(id, out var title) && which(title)).Select(id => GrainFactory.GetGrain<ITitleGrain>(id)).ToArray();
        foreach (var batch in matching.Chunk(StartBatch))
        {
            await Task.WhenAll(batch.Select(action));
            foreach (var title in await Task.WhenAll(batch.Select(g => g.GetSnapshot())))
            {
                Put(title);
            }
        }
    }

    // Snapshots can arrive out of order (one-way calls): the one with the higher version is the newer.
    // The catalogue keeps its titles without their reports (kilobytes each, and its view is read every
    // second while a page shows it): their headline figures are in Loudness; a report comes with its title.
    // The counts by status follow every replacement, so the catalogue's own status is worked out without
    // going through its titles (a back catalogue of thousands hears from each of them several times).
    private void Put(TitleSnapshot title)
    {
        title = title.ReportJson is null ? title : title with { ReportJson = null };
        var known = _titles.GetValueOrDefault(title.TitleId);
        if (known is not null && title.Version < known.Version)
        {
            return;
        }

        if (known is not null)
        {
            _counts[(int)known.Status]--;
        }

        _titles[title.TitleId] = title;
        _counts[(int)title.Status]++;
    }

    private int Counted(JobStatus status) => _counts[(int)status];

    private void UpdateStatus()
    {
        var unheard = S.TitleIds.Count - S.NotStarted - _titles.Count;
        var waiting = S.NotStartedCancelled ? 0 : S.NotStarted;
        if (unheard > 0 || waiting > 0 || Counted(JobStatus.Queued) + Counted(JobStatus.Running) > 0)
        {
            S.Status = JobStatus.Running;
            S.EndedAt = null;
            return;
        }

        S.Status = Counted(JobStatus.Succeeded) == S.TitleIds.Count ? JobStatus.Succeeded
            : Counted(JobStatus.Failed) > 0 ? JobStatus.Failed
            : JobStatus.Cancelled;
        if (S.EndedAt is null)
        {
            S.EndedAt = clock.Now;
            if (S.Spec?.Webhook is { } webhook)
            {
                notifier.Ended(webhook, Snapshot());
            }
        }
    }

    private CatalogSnapshot Snapshot() => new()
    {
        CatalogId = CatalogId,
        Name = S.Spec?.Name ?? throw new InvalidOperationException($"catalogue {CatalogId} does not exist"),
        Status = S.Status,
        Priority = S.Priority,
        Paused = S.Paused,
        Titles = [.. S.TitleIds.Select((id, i) => _titles.GetValueOrDefault(id) ?? NotStartedYet(id, i)).Where(t => t is not null).Select(t => t!)],
        CreatedAt = S.CreatedAt,
        EndedAt = S.EndedAt,
        Client = S.Spec.Client,
    };

    // A title the catalogue has not started yet, as its view shows it (null for one started and not heard from).
    private TitleSnapshot? NotStartedYet(string id, int index) => index < S.TitleIds.Count - S.NotStarted || S.Spec is null ? null : new TitleSnapshot
    {
        TitleId = id,
        CatalogId = CatalogId,
        Spec = S.Spec.Titles[index],
        Status = S.NotStartedCancelled ? JobStatus.Cancelled : JobStatus.Queued,
        Stage = "waiting",
        Paused = S.Paused,
    };
}
