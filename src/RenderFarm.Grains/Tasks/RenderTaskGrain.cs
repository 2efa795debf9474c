using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using RenderFarm.Contracts.Reports;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tasks;

/// <summary>
/// One unit of work, as a small state machine with a clock in every state but the ends:
/// <list type="bullet">
/// <item>to send: a new attempt is written together with its command's place in the outbox; the command goes on
/// the bus after the write, and the outbox is cleared only once the bus has taken it (sent again every 3 s until then).</item>
/// <item>sent, unclaimed: a command no worker claims within the queue timeout is sent again (the same attempt and
/// message id; each wait twice the last).</item>
/// <item>claimed: the worker renews its lease as it renders; a lease not renewed within the heartbeat timeout,
/// or an attempt past the run timeout, is abandoned and the task tried again (counted against its budget).</item>
/// </list>
/// Only the claim's holder may complete or fail the attempt (its token fences every other); a worker whose
/// attempt is no longer current (cancelled, paused, superseded) hears "stop" at its next renewal. Every change is
/// written before it is served (<see cref="Committed"/>). One grain timer runs the clocks while the activation
/// lives; the title's reconcile reminder calls <see cref="Start"/> each minute, which runs them again in a new
/// activation when this one's silo died. The title hears when the task ends.
/// </summary>
public sealed partial class RenderTaskGrain(
    [PersistentState("task", FarmStorage.Name)] IPersistentState<RenderTaskState> state,
    DeepCopier<RenderTaskState> copier,
    IRenderDispatcher dispatcher,
    FarmClock clock,
    ILogger<RenderTaskGrain> logger) : Grain, IRenderTaskGrain, IRemindable
{
    private static readonly TimeSpan SendAgainPeriod = TimeSpan.FromSeconds(3);
    // How long a publish may hold the task's turn (a pause or a claim waits behind it); one not confirmed by then
    // is sent again on the clock, and a copy that arrives twice is refused at its claim.
    private static readonly TimeSpan DispatchTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LongestQueueWait = TimeSpan.FromHours(1);
    private IGrainTimer? _clock;
    private DateTimeOffset? _heard;
    private int _unsentLogged;
    private readonly Courier _courier = new();

    private RenderTaskState S => state.State;

    private string TaskId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        S.Upgrade();

        // A claim's renewals are not written: this activation gives the holder a whole lease from now.
        if (S.Token != 0)
        {
            _heard = clock.Now;
        }

        Arm();
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<RenderTaskSnapshot> Start(RenderTaskSpec spec, TaskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(policy);
        if (S.Spec is not null)
        {
            // The title asking again (its reconcile): the clocks run, but a send that is due goes from this task's
            // own timer at once rather than inside the caller's wait (a title must not wait on the bus).
            await Tick(sendNow: false);
            return Snapshot();
        }

        await Commit(s =>
        {
            s.Spec = spec;
            s.Policy = policy;
            NewAttempt(s, counted: true);
        });
        await Drain();
        return Snapshot();
    }

    public async Task<RenderClaim> Claim(int attempt, string worker, string claimant)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        if (Stale(attempt, S.Token) is { } refusal)
        {
            LogRefused(logger, TaskId, attempt, worker, refusal);
            return RenderClaim.Refused(refusal);
        }

        if (S.Token != 0)
        {
            if (S.Claimant == claimant)
            {
                return Granted(); // the same run asking again (its first answer was lost)
            }

            var taken = $"attempt {attempt} is being rendered by {S.Worker}";
            LogRefused(logger, TaskId, attempt, worker, taken);
            return RenderClaim.Refused(taken);
        }

        var now = clock.Now;
        await Commit(s =>
        {
            s.Tokens++;
            s.Token = s.Tokens;
            s.Claimant = claimant;
            s.Worker = worker;
            s.Status = JobStatus.Running;
            s.LastHeartbeat = now;
            s.ToSend = false; // taken: whatever the outbox still held is not needed
            s.Attempts[^1] = s.Attempts[^1] with { Worker = worker, StartedAt = now };
        });
        _heard = now;
        Arm();
        GrainFactory.GetGrain<ITitleGrain>(S.Spec!.TitleId).TaskProgressed(TaskId, 0).Ignore();
        return Granted();

        RenderClaim Granted() => new() { Granted = true, Token = S.Token, LeaseTimeout = S.Policy.HeartbeatTimeout };
    }

    public Task<LeaseAnswer> Renew(int attempt, long token, double fraction)
    {
        if (Stale(attempt, token) is { } reason)
        {
            return Task.FromResult(LeaseAnswer.StopBecause(reason));
        }

        _heard = clock.Now;
        S.Progress = Math.Clamp(Math.Max(S.Progress, fraction), 0, 1); // progress is not written each time
        GrainFactory.GetGrain<ITitleGrain>(S.Spec!.TitleId).TaskProgressed(TaskId, S.Progress).Ignore();
        return Task.FromResult(LeaseAnswer.Continue);
    }

    public async Task Complete(int attempt, long token, IReadOnlyList<TaskOutput> outputs, TaskReport report, string? log = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(report);
        if (Stale(attempt, token) is { } reason)
        {
            await Ignored(attempt, "completion", reason);
            return;
        }

        await Commit(s =>
        {
            s.Status = JobStatus.Succeeded;
            s.Progress = 1;
            s.Outputs = [.. outputs];
            s.Report = report;
            s.Error = null;
            EndAttempt(s, "succeeded", log);
        });
        Finish();
    }

    public async Task Fail(int attempt, long token, string reason, bool retryable, string? log = null)
    {
        if (Stale(attempt, token) is { } stale)
        {
            await Ignored(attempt, "failure", stale);
            return;
        }

        var again = retryable && S.AttemptsUsed < S.Policy.MaxAttempts;
        await Commit(s =>
        {
            EndAttempt(s, $"failed: {reason}", log);
            if (again)
            {
                NewAttempt(s, counted: true);
                return;
            }

            s.Status = JobStatus.Failed;
            s.Error = retryable
                ? string.Create(CultureInfo.InvariantCulture, $"{reason} (gave up after {s.AttemptsUsed} attempts)")
                : reason;
        });
        if (again)
        {
            LogRetry(logger, TaskId, attempt, reason);
            await Drain();
            return;
        }

        Finish();
    }

    public async Task HandBack(int attempt, long token, string? log = null)
    {
        if (Stale(attempt, token) is not null)
        {
            return;
        }

        var worker = S.Worker;
        await Commit(s =>
        {
            EndAttempt(s, $"handed back: {worker} stopped", log);
            NewAttempt(s, counted: false);
        });
        await Drain();
    }

    public async Task<RenderTaskSnapshot> Check()
    {
        await Tick();
        return Snapshot();
    }

    public async Task Cancel()
    {
        if (S.Spec is null || S.Status.IsFinal())
        {
            return;
        }

        await Commit(s =>
        {
            var wasOut = !s.Held; // (a paused task's attempt ended when it was paused)
            s.Status = JobStatus.Cancelled;
            s.Held = false;
            ClearOut(s);
            if (wasOut)
            {
                EndAttempt(s, "cancelled");
            }
        });
        Finish();
    }

    public async Task Pause()
    {
        if (S.Spec is null || S.Status.IsFinal() || S.Held)
        {
            return;
        }

        await Commit(s =>
        {
            EndAttempt(s, "paused");
            ClearOut(s);
            s.Held = true;
            s.Status = JobStatus.Queued;
            s.Progress = 0;
        });
        Arm();
    }

    public async Task Unpause()
    {
        if (S.Spec is null || S.Status.IsFinal() || !S.Held)
        {
            return;
        }

        await Commit(s =>
        {
            s.Held = false;
            NewAttempt(s, counted: false);
        });
        await Drain();
    }

    public async Task Retry()
    {
        if (S.Spec is null || !S.Status.IsRetryable())
        {
            return;
        }

        await Commit(s =>
        {
            s.AttemptsUsed = 0;
            s.Error = null;
            NewAttempt(s, counted: true);
        });
        await Drain();
    }

    public async Task Recover()
    {
        if (S.Spec is null || S.Held)
        {
            return;
        }

        if (S.Status.IsFinal())
        {
            ReportEnd();
            return;
        }

        if (S.Token != 0)
        {
            await Commit(s =>
            {
                EndAttempt(s, "lost in a restart");
                NewAttempt(s, counted: false); // not the task's fault
            });
        }
        else
        {
            await Commit(s => s.ToSend = true);
        }

        await Drain();
    }

    public Task<RenderTaskSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    // Tasks of earlier versions registered a watchdog reminder of their own; the title's reconcile drives them now.
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await Tick();
    }

    // Why a report of (attempt, token) is not the current claim's, or null when it is.
    private string? Stale(int attempt, long token)
    {
        if (S.Spec is null)
        {
            return "the task was never started";
        }

        if (S.Status.IsFinal())
        {
            return string.Create(CultureInfo.InvariantCulture, $"the task is {S.Status.ToString().ToLowerInvariant()}");
        }

        if (attempt != S.Attempt)
        {
            return string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} was superseded by attempt {S.Attempt}");
        }

        if (S.Held)
        {
            return "the task is paused";
        }

        return token == S.Token ? null : string.Create(CultureInfo.InvariantCulture, $"claim {token} of attempt {attempt} is not the current one");
    }

    // The clocks: what is due now is done, then the timer is set for the next deadline; a send that is due is
    // made now, or with sendNow false by the timer as soon as this turn ends.
    private async Task Tick() => await Tick(sendNow: true);

    private async Task Tick(bool sendNow)
    {
        if (S.Spec is null || S.Status.IsFinal() || S.Held)
        {
            Arm();
            return;
        }

        var now = clock.Now;
        if (S.ToSend)
        {
            await Send(sendNow);
            return;
        }

        if (S.Token == 0)
        {
            if (now >= (S.SentAt ?? now) + QueueWait(S.Sends))
            {
                LogUnclaimed(logger, TaskId, S.Attempt, (now - S.SentAt!.Value).TotalSeconds);
                await Commit(s => s.ToSend = true);
                await Send(sendNow);
                return;
            }

            Arm();
            return;
        }

        var silent = now - (_heard ?? S.LastHeartbeat ?? now);
        var running = now - (S.LastHeartbeat ?? now);
        var worker = S.Worker ?? "no worker";
        string? reason = null;
        if (silent > S.Policy.HeartbeatTimeout)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"no heartbeat from {worker} for {silent.TotalSeconds:0} s");
            LogTimeout(logger, TaskId, S.Attempt, worker, silent.TotalSeconds);
        }
        else if (running > S.Policy.RunTimeout)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{worker} still rendering after {running.TotalMinutes:0} min, past the run timeout");
            LogRunTimeout(logger, TaskId, S.Attempt, worker, running.TotalMinutes);
        }

        if (reason is null)
        {
            Arm();
            return;
        }

        var again = S.AttemptsUsed < S.Policy.MaxAttempts;
        await Commit(s =>
        {
            EndAttempt(s, $"timed out: {reason}");
            if (again)
            {
                NewAttempt(s, counted: true);
                return;
            }

            s.Status = JobStatus.Failed;
            s.Error = string.Create(CultureInfo.InvariantCulture, $"{reason} on the last of {s.AttemptsUsed} attempts: the render hangs or its worker keeps dying");
        });
        if (again)
        {
            await Send(sendNow);
            return;
        }

        Finish();
    }

    // How long a command on the bus may wait for a claim before it is sent again: the policy's wait, doubled with each send.
    private TimeSpan QueueWait(int sends) =>
        TimeSpan.FromTicks(Math.Min(LongestQueueWait.Ticks, S.Policy.QueueTimeout.Ticks * (1L << Math.Clamp(sends - 1, 0, 20))));

    private async Task Send(bool now)
    {
        if (now)
        {
            await Drain();
            return;
        }

        Arm();
        _clock?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    // Sets the timer for the next deadline of the current state (none for an ended or paused task).
    private void Arm()
    {
        if (S.Spec is null || S.Status.IsFinal() || S.Held)
        {
            _clock?.Dispose();
            _clock = null;
            return;
        }

        var now = clock.Now;
        var due = S.ToSend ? SendAgainPeriod
            : S.Token == 0 ? ((S.SentAt ?? now) + QueueWait(S.Sends)) - now
            : TimeSpan.FromTicks(Math.Min(
                ((_heard ?? now) + S.Policy.HeartbeatTimeout - now).Ticks,
                ((S.LastHeartbeat ?? now) + S.Policy.RunTimeout - now).Ticks));

        // (at least a second apart; a little past the deadline, so the check finds it passed)
        due = TimeSpan.FromTicks(Math.Clamp(due.Ticks + TimeSpan.TicksPerSecond / 10, TimeSpan.TicksPerSecond, TimeSpan.FromHours(1).Ticks));
        if (_clock is null)
        {
            _clock = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }

        _clock.Change(due, Timeout.InfiniteTimeSpan);
    }

    private Task Commit(Action<RenderTaskState> change) => state.Commit(copier, this, change);

    // A new attempt with its command in the outbox (the caller writes it, then drains the outbox).
    private void NewAttempt(RenderTaskState s, bool counted)
    {
        s.Attempt++;
        if (counted)
        {
            s.AttemptsUsed++;
        }

        s.Status = JobStatus.Queued;
        s.Progress = 0;
        ClearOut(s);
        s.ToSend = true;
        s.Attempts.Add(new AttemptRecord { Attempt = s.Attempt, DispatchedAt = clock.Now });
    }

    // No command to send and no claim: the attempt is not out any more.
    private static void ClearOut(RenderTaskState s)
    {
        s.Worker = null;
        s.LastHeartbeat = null;
        s.Token = 0;
        s.Claimant = null;
        s.ToSend = false;
        s.SentAt = null;
        s.Sends = 0;
    }

    // Puts the outbox's command on the bus; the outbox is cleared once the bus took it (within the dispatch
    // timeout: a publish that hangs while the broker is away must not hold the grain). Until then the timer
    // sends it again every few seconds. A spec that cannot make a command at all fails the task.
    private async Task Drain()
    {
        if (!S.ToSend || S.Spec is null || S.Status.IsFinal() || S.Held)
        {
            Arm();
            return;
        }

        using var timeout = new CancellationTokenSource(DispatchTimeout);
        try
        {
            // The token alone does not bound it: while a broken connection is torn down MassTransit's publish
            // has been seen to run 16 s past its cancellation, holding this turn and a pause queued behind it.
            // A publish left running may still land: the outbox sends it again with the same message id, and
            // the copy is refused at its claim.
            var publish = dispatcher.Dispatch(TaskId, S.Attempt, S.Spec, timeout.Token);
            try
            {
                await publish.WaitAsync(DispatchTimeout + TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
                _ = publish.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }
        catch (ArgumentException e)
        {
            var reason = $"its command cannot be made: {e.Message}";
            await Commit(s =>
            {
                EndAttempt(s, $"failed: {reason}");
                ClearOut(s);
                s.Status = JobStatus.Failed;
                s.Error = reason;
            });
            Finish();
            return;
        }
        catch (Exception e)
        {
            if (_unsentLogged != S.Attempt)
            {
                _unsentLogged = S.Attempt; // once an attempt, not every 3 s while the broker is away
                LogUnsent(logger, e, TaskId, S.Attempt);
            }

            Arm();
            return;
        }

        if (_unsentLogged == S.Attempt)
        {
            LogSent(logger, TaskId, S.Attempt);
        }

        var now = clock.Now;
        await Commit(s =>
        {
            s.ToSend = false;
            s.SentAt = now;
            s.Sends++;
        });
        Arm();
    }

    private void EndAttempt(RenderTaskState s, string outcome, string? log = null)
    {
        s.Attempts[^1] = s.Attempts[^1] with
        {
            EndedAt = clock.Now,
            Outcome = outcome,
            Worker = s.Worker ?? s.Attempts[^1].Worker,
            Log = log is { Length: > AttemptRecord.MaxLogLength } ? log[..AttemptRecord.MaxLogLength] : log,
        };
    }

    private void Finish()
    {
        _clock?.Dispose();
        _clock = null;
        _heard = null;
        ReportEnd();
    }

    // The title hears of the end by the courier: again and again until it has taken it.
    private void ReportEnd()
    {
        var snapshot = Snapshot();
        var title = GrainFactory.GetGrain<ITitleGrain>(S.Spec!.TitleId);
        _courier.Send(this, () => title.TaskEnded(snapshot));
    }

    private async Task Ignored(int attempt, string what, string reason)
    {
        await Commit(s => s.IgnoredReports++);
        LogIgnored(logger, TaskId, what, attempt, reason);
    }

    private RenderTaskSnapshot Snapshot() => new()
    {
        TaskId = TaskId,
        Spec = S.Spec ?? throw new InvalidOperationException($"task {TaskId} was never started"),
        Status = S.Status,
        Attempt = S.Attempt,
        Worker = S.Worker,
        Progress = S.Progress,
        LastHeartbeat = S.Token != 0 ? _heard ?? S.LastHeartbeat : null,
        Outputs = [.. S.Outputs],
        Report = S.Report,
        Error = S.Error,
        Attempts = [.. S.Attempts],
        IgnoredReports = S.IgnoredReports,
        Paused = S.Held,
        Unsent = S.ToSend,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt}'s command could not be put on the bus; sending it again every 3 s until it is")]
    private static partial void LogUnsent(ILogger logger, Exception exception, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId}: attempt {Attempt}'s command is on the bus at last")]
    private static partial void LogSent(ILogger logger, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt}'s command unclaimed for {Seconds:0} s; sending it again")]
    private static partial void LogUnclaimed(ILogger logger, string taskId, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId}: claim of attempt {Attempt} by {Worker} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string taskId, int attempt, string worker, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId}: a {What} from attempt {Attempt} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string taskId, string what, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt} failed ({Reason}); trying again")]
    private static partial void LogRetry(ILogger logger, string taskId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt} on {Worker} silent for {Seconds:0} s; dispatching again")]
    private static partial void LogTimeout(ILogger logger, string taskId, int attempt, string worker, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt} on {Worker} still running after {Minutes:0} min, past the run timeout; dispatching again")]
    private static partial void LogRunTimeout(ILogger logger, string taskId, int attempt, string worker, double minutes);
}
