using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace RenderFarm.Grains.Catalogs;

/// <summary>
/// A catalogue: starts its titles (200 a turn, the first batch in the call that submits it, the others from
/// a timer, so a back catalogue of 10,000 neither outlives the call nor shuts out its titles' reports; how
/// far it has got is persisted and a new activation goes on), keeps the last word from each, and ends when every title has ended
/// (succeeded when all did, failed when any failed, cancelled when cancelled). Its state is written when
/// its own status changes; the titles' reports are kept in memory (a new activation asks the titles), so
/// a title's change costs the same in a catalogue of 20 or 2,000. Titles report by one-way calls, which a dying
/// silo can lose: while the catalogue runs, a reminder asks its running titles each minute. When it ends
/// (each time it ends, after a retry too) its webhook, if any, is called with the snapshot: the call is written
/// with the end (an outbox) and made from a timer until the webhook takes it, every call about one end with the
/// same idempotency key. Every change is written before it is served (<see cref="WrittenState{T}"/>); a title
/// whose start never reached the store is started again.
/// </summary>
public sealed partial class CatalogGrain(
    [PersistentState("catalog", FarmStorage.Name)] IPersistentState<CatalogState> state,
    [PersistentState("catalogspec", FarmStorage.Name)] IPersistentState<CatalogSpecState> specState,
    DeepCopier<CatalogState> copier,
    FarmClock clock,
    ICatalogNotifier notifier,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain, IRemindable
{
    private const int WebhookTriesMax = 300; // about a day at the longest pause
    private static readonly TimeSpan WebhookCallTimeout = TimeSpan.FromSeconds(15);
    private readonly WrittenState<CatalogState> _written = new(state, copier);
    private IGrainTimer? _notifying;
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

    // The spec (up to 10,000 titles) is written once, at submission, apart from the state that changes.
    private CatalogSpec? Spec => specState.State.Spec;

    private List<string>? _titleIds;

    // The titles' ids, in the catalogue's order (made from their count, not stored).
    private List<string> TitleIds => _titleIds ??= Spec is { } spec ? [.. spec.Titles.Select((_, i) => TaskIds.Title(CatalogId, i))] : [];

    private string CatalogId => this.GetPrimaryKeyString();

    public async Task<CatalogSnapshot> Submit(CatalogSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Spec is not null && S.CreatedAt is not null)
        {
            return Snapshot();
        }

        specState.State.Spec = spec;
        await specState.WriteStateAsync();
        _titleIds = null;
        S.Priority = Math.Clamp(spec.Priority, 0, 100);
        S.Status = JobStatus.Running;
        S.CreatedAt = clock.Now;
        S.NotStarted = TitleIds.Count;
        await Write();
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
        UpdateStatus();
        await WriteIfChanged();
    }

    // The catalogue's own status is written when it differs from what the store holds (not only when this
    // call changed it: a change an earlier call could not write is written now).
    private async Task WriteIfChanged()
    {
        var last = _written.Last;
        if ((S.Status, S.EndedAt, S.WebhookDue) != (last.Status, last.EndedAt, last.WebhookDue))
        {
            await Write();
        }
    }

    private async Task Write()
    {
        await _written.Write(this);
        if (S.WebhookDue)
        {
            NotifyLater(TimeSpan.Zero);
        }
    }

    public async Task<CatalogSnapshot> GetSnapshot()
    {
        await KnowTitles();
        return Snapshot();
    }

    public async Task<CatalogSummary> GetSummary()
    {
        await KnowTitles();
        return CatalogSummary.Of(Snapshot());
    }

    public async Task<TitlePage> GetTitles(TitleQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await KnowTitles();
        return query.Page(Snapshot().Titles);
    }

    public async Task Cancel()
    {
        StopStarting();
        S.NotStartedCancelled = S.NotStarted > 0;
        await ForTitles(t => !t.Status.IsFinal(), t => t.Cancel());
        UpdateStatus();
        await Write();
    }

    public async Task Pause()
    {
        S.Paused = true;
        await Write();
        await ForTitles(t => !t.Status.IsFinal(), t => t.Pause());
    }

    public async Task Unpause()
    {
        S.Paused = false;
        await Write();
        await ForTitles(t => t.Paused, t => t.Unpause());
    }

    public async Task RetryFailed()
    {
        await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
        await ForTitles(t => t.Status.IsRetryable(), t => t.Retry());
        S.NotStartedCancelled = false;
        KeepStarting();
        UpdateStatus();
        await Write();
    }

    public async Task SetPriority(int priority)
    {
        S.Priority = Math.Clamp(priority, 0, 100);
        await Write();
        await ForTitles(t => !t.Status.IsFinal(), t => t.SetPriority(S.Priority));
    }

    public async Task Rerender()
    {
        await this.RegisterOrUpdateReminder(ReconcileReminder, ReconcilePeriod, ReconcilePeriod);
        await ForTitles(t => t.Status.IsFinal(), t => t.Rerender());
        S.NotStartedCancelled = false;
        KeepStarting();
        UpdateStatus();
        await Write();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await KnowTitles();
        KeepStarting();
        foreach (var id in Started.Where(id => _titles.GetValueOrDefault(id) is null or { Status: JobStatus.Queued or JobStatus.Running }).ToArray())
        {
            try
            {
                // (a title the store lost the start of is started again by the call's Start)
                Put(await Ask(id));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTitleUnreachable(logger, e, CatalogId, id);
            }
        }

        UpdateStatus();
        await WriteIfChanged();
        if (S.Status.IsFinal() && await this.GetReminder(ReconcileReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task Recover()
    {
        await KnowTitles();
        KeepStarting();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // State written before the spec had a state of its own kept it in the catalogue's: moved, written once.
        if (Spec is null && S.LegacySpec is { } legacy)
        {
            specState.State.Spec = legacy;
            await specState.WriteStateAsync(cancellationToken);
            S.LegacySpec = null;
        }

        _written.Read();

        // A catalogue whose silo went down while it started its titles goes on where it was; a webhook not yet taken is called.
        KeepStarting();
        if (S.WebhookDue)
        {
            NotifyLater(TimeSpan.Zero);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    // A title's snapshot; a title whose start the store never took (its silo died, its store was away) is started now.
    private async Task<TitleSnapshot> Ask(string id)
    {
        var title = GrainFactory.GetGrain<ITitleGrain>(id);
        if (await title.Find() is { } known)
        {
            return known;
        }

        var index = TaskIds.IndexOf(id);
        var started = await title.Start(Spec!.Titles[index], CatalogId, S.Priority, Spec.Policy);
        if (S.Paused)
        {
            await title.Pause();
            started = await title.GetSnapshot();
        }

        return started;
    }

    // The webhook's outbox: one call per tick, again after a growing pause until the webhook takes it.
    private void NotifyLater(TimeSpan due)
    {
        _notifying?.Dispose();
        _notifying = this.RegisterGrainTimer(Notify, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task Notify()
    {
        _notifying?.Dispose();
        _notifying = null;
        if (!S.WebhookDue || Spec?.Webhook is not { } webhook)
        {
            return;
        }

        await KnowTitles();
        try
        {
            using var timeout = new CancellationTokenSource(WebhookCallTimeout);
            await notifier.Deliver(webhook, Snapshot(), S.WebhookKey ?? CatalogId, timeout.Token);
            S.WebhookDue = false;
            LogNotified(logger, CatalogId, webhook, S.WebhookTries + 1);
        }
        catch (Exception e)
        {
            S.WebhookTries++;
            var giveUp = S.WebhookTries >= WebhookTriesMax;
            LogNotifyFailed(logger, e, CatalogId, webhook, S.WebhookTries, giveUp);
            if (giveUp)
            {
                S.WebhookDue = false;
            }
        }

        await _written.Write(this);
        if (S.WebhookDue)
        {
            NotifyLater(TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, Math.Min(S.WebhookTries - 1, 10)))));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "catalogue {CatalogId}: webhook {Webhook} took its end (call {Tries})")]
    private static partial void LogNotified(ILogger logger, string catalogId, string webhook, int tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "catalogue {CatalogId}: webhook {Webhook} did not take its end (call {Tries}; given up: {GivenUp})")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string catalogId, string webhook, int tries, bool givenUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "catalogue {CatalogId}: title {TitleId} did not answer its reconcile")]
    private static partial void LogTitleUnreachable(ILogger logger, Exception exception, string catalogId, string titleId);

    // The titles started so far (the catalogue's first ones, in order).
    private IEnumerable<string> Started => TitleIds.Take(TitleIds.Count - S.NotStarted);

    // Starts the next batch of titles (side by side: each writes its state and dispatches its first tasks),
    // paused if the catalogue is, and records how far it has got.
    private async Task StartNext()
    {
        if (Spec is not { } spec || S.NotStarted == 0 || S.NotStartedCancelled)
        {
            return;
        }

        var from = TitleIds.Count - S.NotStarted;
        var count = Math.Min(StartBatch, S.NotStarted);
        var grains = Enumerable.Range(from, count).Select(i => GrainFactory.GetGrain<ITitleGrain>(TitleIds[i])).ToArray();
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
        await Write();
    }

    private void KeepStarting()
    {
        if (_starter is not null || Spec is null || S.NotStarted == 0 || S.NotStartedCancelled)
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
        if (Spec is null || _titles.Count == TitleIds.Count - S.NotStarted)
        {
            return;
        }

        var missing = Started.Where(id => !_titles.ContainsKey(id)).ToArray();
        var snapshots = await Task.WhenAll(missing.Select(Ask));
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
        var matching = TitleIds.Where(id => _titles.TryGetValue(id, out var title) && which(title)).Select(id => GrainFactory.GetGrain<ITitleGrain>(id)).ToArray();
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
    // The counts by status follow every replacement, so the catalogue's own status is worked out without
    // going through its titles (a back catalogue of thousands hears from each of them several times).
    private void Put(TitleSnapshot title)
    {
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
        var unheard = TitleIds.Count - S.NotStarted - _titles.Count;
        var waiting = S.NotStartedCancelled ? 0 : S.NotStarted;
        if (unheard > 0 || waiting > 0 || Counted(JobStatus.Queued) + Counted(JobStatus.Running) > 0)
        {
            S.Status = JobStatus.Running;
            S.EndedAt = null;
            return;
        }

        S.Status = Counted(JobStatus.Succeeded) == TitleIds.Count ? JobStatus.Succeeded
            : Counted(JobStatus.Failed) > 0 ? JobStatus.Failed
            : JobStatus.Cancelled;
        if (S.EndedAt is null)
        {
            // The webhook's call goes into the outbox with the end; it is made once that is written.
            S.EndedAt = clock.Now;
            if (Spec?.Webhook is not null)
            {
                S.WebhookDue = true;
                S.WebhookTries = 0;
                S.WebhookKey = string.Create(CultureInfo.InvariantCulture, $"{CatalogId}/{S.EndedAt.Value.UtcTicks}");
            }
        }
    }

    private CatalogSnapshot Snapshot() => new()
    {
        CatalogId = CatalogId,
        Name = Spec?.Name ?? throw new InvalidOperationException($"catalogue {CatalogId} does not exist"),
        Status = S.Status,
        Priority = S.Priority,
        Paused = S.Paused,
        Titles = [.. TitleIds.Select((id, i) => _titles.GetValueOrDefault(id) ?? NotStartedYet(id, i)).Where(t => t is not null).Select(t => t!)],
        CreatedAt = S.CreatedAt,
        EndedAt = S.EndedAt,
        Client = Spec.Client,
    };

    // A title the catalogue has not started yet, as its view shows it (null for one started and not heard from).
    private TitleSnapshot? NotStartedYet(string id, int index) => index < TitleIds.Count - S.NotStarted || Spec is null ? null : new TitleSnapshot
    {
        TitleId = id,
        CatalogId = CatalogId,
        Spec = Spec.Titles[index],
        Status = S.NotStartedCancelled ? JobStatus.Cancelled : JobStatus.Queued,
        Stage = TitleStage.Waiting,
        Paused = S.Paused,
    };
}
