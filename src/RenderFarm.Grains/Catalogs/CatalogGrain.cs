namespace RenderFarm.Grains.Catalogs;

/// <summary>
/// A catalogue: starts its titles, keeps the last word from each, and ends when every title has ended
/// (succeeded when all did, failed when any failed, cancelled when cancelled). State is written on every
/// change of a title's status or stage, not on progress.
/// </summary>
public sealed class CatalogGrain(
    [PersistentState("catalog", FarmStorage.Name)] IPersistentState<CatalogState> state,
    FarmClock clock) : Grain, ICatalogGrain
{
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
        await GrainFactory.GetGrain<ICatalogIndexGrain>(0).Add(CatalogId);
        for (var i = 0; i < spec.Titles.Count; i++)
        {
            var title = await GrainFactory.GetGrain<ITitleGrain>(S.TitleIds[i]).Start(spec.Titles[i], CatalogId, S.Priority, spec.Policy);
            S.Titles[title.TitleId] = Newest(title);
        }

        UpdateStatus();
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task TitleChanged(TitleSnapshot title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var known = S.Titles.GetValueOrDefault(title.TitleId);
        S.Titles[title.TitleId] = Newest(title);
        if (known is not null && known.Status == title.Status && known.Stage == title.Stage && known.Paused == title.Paused)
        {
            return; // progress only: kept in memory
        }

        UpdateStatus();
        await state.WriteStateAsync();
    }

    public async Task<CatalogSnapshot> GetSnapshot()
    {
        if (S.Spec is not null && S.Titles.Count < S.TitleIds.Count)
        {
            // Titles started before a restart may not have reported yet.
            foreach (var id in S.TitleIds.Where(id => !S.Titles.ContainsKey(id)))
            {
                S.Titles[id] = await GrainFactory.GetGrain<ITitleGrain>(id).GetSnapshot();
            }
        }

        return Snapshot();
    }

    public async Task Cancel()
    {
        await ForTitles(t => t.Status is JobStatus.Queued or JobStatus.Running, t => t.Cancel());
    }

    public async Task Pause()
    {
        S.Paused = true;
        await state.WriteStateAsync();
        await ForTitles(t => t.Status is JobStatus.Queued or JobStatus.Running, t => t.Pause());
    }

    public async Task Unpause()
    {
        S.Paused = false;
        await state.WriteStateAsync();
        await ForTitles(t => t.Paused, t => t.Unpause());
    }

    public async Task RetryFailed()
    {
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

    public async Task Recover()
    {
        foreach (var id in S.TitleIds)
        {
            await GrainFactory.GetGrain<ITitleGrain>(id).Recover();
        }
    }

    private async Task ForTitles(Func<TitleSnapshot, bool> which, Func<ITitleGrain, Task> action)
    {
        foreach (var id in S.TitleIds)
        {
            if (S.Titles.TryGetValue(id, out var title) && which(title))
            {
                await action(GrainFactory.GetGrain<ITitleGrain>(id));
            }
        }
    }

    // Snapshots can arrive out of order (one-way calls): an ended title never goes back to running
    // unless it was retried, which starts it again with no end time.
    private TitleSnapshot Newest(TitleSnapshot title)
    {
        var known = S.Titles.GetValueOrDefault(title.TitleId);
        if (known?.EndedAt is { } ended && title.EndedAt is null && title.StartedAt <= known.StartedAt && title.Status == JobStatus.Running && known.Status != JobStatus.Running)
        {
            return known;
        }

        return title;
    }

    private void UpdateStatus()
    {
        var titles = S.TitleIds.Select(id => S.Titles.GetValueOrDefault(id)).ToArray();
        if (titles.Any(t => t is null || t.Status is JobStatus.Queued or JobStatus.Running))
        {
            S.Status = JobStatus.Running;
            S.EndedAt = null;
            return;
        }

        S.Status = titles.All(t => t!.Status == JobStatus.Succeeded) ? JobStatus.Succeeded
            : titles.Any(t => t!.Status == JobStatus.Failed) ? JobStatus.Failed
            : JobStatus.Cancelled;
        S.EndedAt ??= clock.Now;
    }

    private CatalogSnapshot Snapshot() => new()
    {
        CatalogId = CatalogId,
        Name = S.Spec?.Name ?? throw new InvalidOperationException($"catalogue {CatalogId} does not exist"),
        Status = S.Status,
        Priority = S.Priority,
        Paused = S.Paused,
        Titles = [.. S.TitleIds.Where(S.Titles.ContainsKey).Select(id => S.Titles[id])],
        CreatedAt = S.CreatedAt,
        EndedAt = S.EndedAt,
    };
}
