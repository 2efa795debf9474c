using System.Globalization;
using Microsoft.Extensions.Logging;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tasks;

/// <summary>
/// One unit of work. Each attempt gets a number and a command on the bus; only reports that carry the
/// current attempt's number are taken (a late report from an abandoned attempt, or a second delivery of
/// one already taken, is counted and ignored). Failures that may pass are tried again up to the policy;
/// an attempt whose worker goes silent past the heartbeat timeout is abandoned and dispatched again
/// (while an attempt runs, a grain timer checks every half timeout, and a reminder, at least a minute
/// apart, brings the grain back to check if its silo died). An attempt whose command the bus would not take
/// (the broker away) is sent again every few seconds until it is, also after the grain moves to another silo.
/// The title hears when the task ends.
/// </summary>
public sealed partial class RenderTaskGrain(
    [PersistentState("task", FarmStorage.Name)] IPersistentState<RenderTaskState> state,
    IRenderDispatcher dispatcher,
    FarmClock clock,
    ILogger<RenderTaskGrain> logger) : Grain, IRenderTaskGrain, IRemindable
{
    private const string WatchdogReminder = "heartbeat-watchdog";
    private static readonly TimeSpan SendAgainPeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DispatchTimeout = TimeSpan.FromSeconds(10);
    private IGrainTimer? _watchdog;
    private IGrainTimer? _sendAgain;
    private readonly Courier _courier = new();

    private RenderTaskState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An attempt whose command never reached the bus before this grain's last activation ended.
        SendLater();
        return base.OnActivateAsync(cancellationToken);
    }

    private string TaskId => this.GetPrimaryKeyString();

    public async Task<RenderTaskSnapshot> Start(RenderTaskSpec spec, TaskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(policy);
        if (S.Spec is not null)
        {
            SendLater();
            return Snapshot();
        }

        S.Spec = spec;
        S.Policy = policy;
        await NewAttempt();
        return Snapshot();
    }

    public async Task Progress(int attempt, string worker, double fraction)
    {
        if (!IsCurrent(attempt))
        {
            return;
        }

        var started = S.Status == JobStatus.Queued || S.Worker != worker;
        S.Status = JobStatus.Running;
        S.Worker = worker;
        S.Progress = Math.Clamp(Math.Max(S.Progress, fraction), 0, 1);
        S.LastHeartbeat = clock.Now;
        if (started)
        {
            // The worker that took the attempt is worth keeping; progress itself is not written each time.
            S.Attempts[^1] = S.Attempts[^1] with { Worker = worker, StartedAt = S.Attempts[^1].StartedAt ?? clock.Now };
            await state.WriteStateAsync();

            // Only a running attempt can go silent: the watchdog runs from now until the task ends.
            await this.RegisterOrUpdateReminder(WatchdogReminder, ReminderPeriod(), ReminderPeriod());
            Watch();
        }

        GrainFactory.GetGrain<ITitleGrain>(S.Spec!.TitleId).TaskProgressed(TaskId, S.Progress).Ignore();
    }

    public async Task Complete(int attempt, string worker, IReadOnlyList<TaskOutput> outputs, string reportJson, string? log = null)
    {
        if (!IsCurrent(attempt))
        {
            await Ignored(attempt, worker, "completion");
            return;
        }

        S.Status = JobStatus.Succeeded;
        S.Worker = worker;
        S.Progress = 1;
        S.Outputs = [.. outputs];
        S.ReportJson = reportJson;
        S.Error = null;
        EndAttempt("succeeded", worker, log);
        await Finish();
    }

    public async Task Fail(int attempt, string worker, string reason, bool retryable, string? log = null)
    {
        if (!IsCurrent(attempt))
        {
            await Ignored(attempt, worker, "failure");
            return;
        }

        EndAttempt($"failed: {reason}", worker, log);
        if (retryable && S.AttemptsUsed < S.Policy.MaxAttempts)
        {
            LogRetry(logger, TaskId, attempt, reason);
            await NewAttempt();
            return;
        }

        S.Status = JobStatus.Failed;
        S.Error = retryable
            ? string.Create(CultureInfo.InvariantCulture, $"{reason} (gave up after {S.AttemptsUsed} attempts)")
            : reason;
        await Finish();
    }

    public async Task CheckHeartbeat()
    {
        if (S.Spec is null || S.Status != JobStatus.Running || S.LastHeartbeat is not { } last)
        {
            return;
        }

        var silent = clock.Now - last;
        if (silent <= S.Policy.HeartbeatTimeout)
        {
            return;
        }

        var worker = S.Worker ?? "no worker";
        var reason = string.Create(CultureInfo.InvariantCulture, $"no heartbeat from {worker} for {silent.TotalSeconds:0} s");
        EndAttempt($"timed out: {reason}", S.Worker);
        LogTimeout(logger, TaskId, S.Attempt, worker, silent.TotalSeconds);
        if (S.AttemptsUsed < S.Policy.MaxAttempts)
        {
            await NewAttempt();
            return;
        }

        S.Status = JobStatus.Failed;
        S.Error = string.Create(CultureInfo.InvariantCulture, $"{reason} on the last of {S.AttemptsUsed} attempts: the render hangs or its worker keeps dying");
        await Finish();
    }

    public async Task Cancel()
    {
        if (S.Spec is null || IsEnded(S.Status))
        {
            return;
        }

        S.Status = JobStatus.Cancelled;
        EndAttempt("cancelled", S.Worker);
        await Finish();
    }

    public async Task Retry()
    {
        if (S.Spec is null || S.Status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            return;
        }

        S.AttemptsUsed = 0;
        S.Error = null;
        await NewAttempt();
    }

    public async Task Recover()
    {
        if (S.Spec is null)
        {
            return;
        }

        if (IsEnded(S.Status))
        {
            ReportEnd();
            return;
        }

        EndAttempt("lost in a restart", S.Worker);
        S.AttemptsUsed--; // not the task's fault
        await NewAttempt();
    }

    public Task<RenderTaskSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Watch(); // (an activation the reminder woke, after its silo died, checks often again)
        return CheckHeartbeat();
    }

    // The timer that checks the heartbeat every half timeout (at least every second) while an attempt runs;
    // reminders cannot tick faster than a minute.
    private void Watch()
    {
        if (_watchdog is null && S.Status == JobStatus.Running)
        {
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, S.Policy.HeartbeatTimeout.Ticks / 2));
            _watchdog = this.RegisterGrainTimer(CheckHeartbeat, new GrainTimerCreationOptions(period, period));
        }
    }

    private static bool IsEnded(JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    private bool IsCurrent(int attempt) => S.Spec is not null && attempt == S.Attempt && !IsEnded(S.Status);

    private async Task NewAttempt()
    {
        S.Attempt++;
        S.AttemptsUsed++;
        S.Status = JobStatus.Queued;
        S.Worker = null;
        S.Progress = 0;
        S.LastHeartbeat = null;
        S.Attempts.Add(new AttemptRecord { Attempt = S.Attempt, DispatchedAt = clock.Now });
        S.Unsent = false;
        await state.WriteStateAsync();
        if (!await Send())
        {
            // The broker is away (restarting, unreachable). The attempt stands and its command goes out as soon
            // as the bus takes it; throwing would leave the task queued with nothing on the bus, for ever.
            S.Unsent = true;
            await TryWriteState();
            SendLater();
        }
    }

    // Puts the current attempt's command on the bus: false when the bus would not take it (within the dispatch
    // timeout: a publish that hangs while the broker is away must not hold the grain). A spec that cannot make
    // a command at all fails the task, as no number of tries would send it; that is true too (nothing to send).
    private async Task<bool> Send()
    {
        using var timeout = new CancellationTokenSource(DispatchTimeout);
        try
        {
            await dispatcher.Dispatch(TaskId, S.Attempt, S.Spec!, timeout.Token);
            return true;
        }
        catch (ArgumentException e)
        {
            var reason = $"its command cannot be made: {e.Message}";
            EndAttempt($"failed: {reason}", null);
            S.Status = JobStatus.Failed;
            S.Error = reason;
            S.Unsent = false;
            await Finish();
            return true;
        }
        catch (Exception e)
        {
            if (!S.Unsent)
            {
                LogUnsent(logger, e, TaskId, S.Attempt); // once, not every 3 s while the broker is away
            }

            return false;
        }
    }

    // While the current attempt's command is not on the bus, a timer sends it every few seconds.
    private void SendLater()
    {
        if (_sendAgain is null && S.Unsent && S.Status == JobStatus.Queued && S.Spec is not null)
        {
            _sendAgain = this.RegisterGrainTimer(SendAgain, new GrainTimerCreationOptions(SendAgainPeriod, SendAgainPeriod) { KeepAlive = true });
        }
    }

    private async Task SendAgain()
    {
        if (!S.Unsent || S.Status != JobStatus.Queued)
        {
            StopSending();
            return;
        }

        if (!await Send())
        {
            return;
        }

        StopSending();
        if (S.Unsent)
        {
            LogSent(logger, TaskId, S.Attempt);
            S.Unsent = false;
            await TryWriteState();
        }
    }

    private void StopSending()
    {
        _sendAgain?.Dispose();
        _sendAgain = null;
    }

    // A write that may fail while the store is away: the state is written again with the task's next change.
    private async Task TryWriteState()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnwritten(logger, e, TaskId);
        }
    }

    private void EndAttempt(string outcome, string? worker, string? log = null)
    {
        S.Attempts[^1] = S.Attempts[^1] with
        {
            EndedAt = clock.Now,
            Outcome = outcome,
            Worker = worker ?? S.Attempts[^1].Worker,
            Log = log is { Length: > AttemptRecord.MaxLogLength } ? log[..AttemptRecord.MaxLogLength] : log,
        };
    }

    private async Task Finish()
    {
        _watchdog?.Dispose();
        _watchdog = null;
        await state.WriteStateAsync();
        var reminder = await this.GetReminder(WatchdogReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }

        ReportEnd();
    }

    // The title hears of the end by the courier: again and again until it has taken it.
    private void ReportEnd()
    {
        var snapshot = Snapshot();
        var title = GrainFactory.GetGrain<ITitleGrain>(S.Spec!.TitleId);
        _courier.Send(this, () => title.TaskEnded(snapshot));
    }

    private async Task Ignored(int attempt, string worker, string what)
    {
        S.IgnoredReports++;
        await state.WriteStateAsync();
        LogIgnored(logger, TaskId, what, attempt, worker, S.Attempt, S.Status);
    }

    // Orleans reminders tick at most once a minute; the check itself compares with the heartbeat's time.
    private TimeSpan ReminderPeriod() => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, S.Policy.HeartbeatTimeout.Ticks / 2));

    private RenderTaskSnapshot Snapshot() => new()
    {
        TaskId = TaskId,
        Spec = S.Spec ?? throw new InvalidOperationException($"task {TaskId} was never started"),
        Status = S.Status,
        Attempt = S.Attempt,
        Worker = S.Worker,
        Progress = S.Progress,
        LastHeartbeat = S.LastHeartbeat,
        Outputs = [.. S.Outputs],
        ReportJson = S.ReportJson,
        Error = S.Error,
        Attempts = [.. S.Attempts],
        IgnoredReports = S.IgnoredReports,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt}'s command could not be put on the bus; sending it again every 3 s until it is")]
    private static partial void LogUnsent(ILogger logger, Exception exception, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId}: attempt {Attempt}'s command is on the bus at last")]
    private static partial void LogSent(ILogger logger, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: its state could not be written; it is written with the task's next change")]
    private static partial void LogUnwritten(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId}: a {What} from attempt {Attempt} ({Worker}) ignored; the task is at attempt {Current}, {Status}")]
    private static partial void LogIgnored(ILogger logger, string taskId, string what, int attempt, string worker, int current, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt} failed ({Reason}); trying again")]
    private static partial void LogRetry(ILogger logger, string taskId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: attempt {Attempt} on {Worker} silent for {Seconds:0} s; dispatching again")]
    private static partial void LogTimeout(ILogger logger, string taskId, int attempt, string worker, double seconds);
}
