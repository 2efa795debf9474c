namespace RenderFarm.Grains.Catalogs;

/// <summary>
/// A catalogue: starts its titles, keeps the last word from each, and ends when every title has ended
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
    private static readonly TimeSpan ReconcilePeriod = TimeSpan.FromMinutes(1);
    // The last word from each title, kept in memory only: writing it with the catalogue on every change
    // would cost the whole catalogue per title change. A new activation asks the titles again.
    private readonly Dictionary<string, TitleSnapshot> _titles = new(StringComparer.Ordinal);

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
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
        await GrainFactory.GetGrain<ICatalogIndexGrain>(0).Add(CatalogId);
        // The titles start side by side (each writes its state and dispatches its first tasks).
        var started = await Task.WhenAll(spec.Titles.Select((t, i) => GrainFactory.GetGrain<ITitleGrain>(S.TitleIds[i]).Start(t, CatalogId, S.Priority, spec.Policy)));
        foreach (var title in started)
        {
            _titles[title.TitleId] = Newest(title);
        }

        UpdateStatus();
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task TitleChanged(TitleSnapshot title)
    {
        ArgumentNullException.ThrowIfNull(title);
        await KnowTitles();
        _titles[title.TitleId] = Newest(title);
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
        UpdateStatus();
        await state.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await KnowTitles();
        foreach (var id in S.TitleIds.Where(id => _titles.GetValueOrDefault(id) is null or { Status: JobStatus.Queued or JobStatus.Running }).ToArray())
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
        foreach (var id in S.TitleIds)
        {
            await GrainFactory.GetGrain<ITitleGrain>(id).Recover();
        }
    }

    // After an activation, asks every title not heard from yet (side by side).
    private async Task KnowTitles()
    {
        if (S.Spec is null || _titles.Count == S.TitleIds.Count)
        {
            return;
        }

        var missing = S.TitleIds.Where(id => !_titles.ContainsKey(id)).ToArray();
        var snapshots = await Task.WhenAll(missing.Select(id => GrainFactory.GetGrain<ITitleGrain>(id).GetSnapshot()));
        foreach (var snapshot in snapshots)
        {
            _titles[snapshot.TitleId] = Newest(snapshot);
        }

        UpdateStatus();
    }

    // Acts on the titles that match, then takes their new state at once rather than waiting for their reports.
    private async Task ForTitles(Func<TitleSnapshot, bool> which, Func<ITitleGrain, Task> action)
    {
        await KnowTitles();
        foreach (var id in S.TitleIds)
        {
            if (_titles.TryGetValue(id, out var title) && which(title))
            {
                var grain = GrainFactory.GetGrain<ITitleGrain>(id);
                await action(grain);
                _titles[id] = Newest(await grain.GetSnapshot());
            }
        }
    }

    // Snapshots can arrive out of order (one-way calls): the one with the higher version is the newer.
    // The catalogue keeps its titles without their reports (kilobytes each, and its view is read every
    // second while a page shows it): their headline figures are in Loudness; a report comes with its title.
    private TitleSnapshot Newest(TitleSnapshot title)
    {
        title = title.ReportJson is null ? title : title with { ReportJson = null };
        var known = _titles.GetValueOrDefault(title.TitleId);
        return known is null || title.Version >= known.Version ? title : known;
    }

    private void UpdateStatus()
    {
        var titles = S.TitleIds.Select(id => _titles.GetValueOrDefault(id)).ToArray();
        if (titles.Any(t => t is null || t.Status is JobStatus.Queued or JobStatus.Running))
        {
            S.Status = JobStatus.Running;
            S.EndedAt = null;
            return;
        }

        S.Status = titles.All(t => t!.Status == JobStatus.Succeeded) ? JobStatus.Succeeded
            : titles.Any(t => t!.Status == JobStatus.Failed) ? JobStatus.Failed
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
        Titles = [.. S.TitleIds.Where(_titles.ContainsKey).Select(id => _titles[id])],
        CreatedAt = S.CreatedAt,
        EndedAt = S.EndedAt,
        Client = S.Spec.Client,
    };
}
