using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderFarm.Audio;
using RenderFarm.Audio.Documents;

namespace RenderFarm.Worker;

/// <summary>
/// Runs one render for a consumer. It waits for a render slot, then claims the command's attempt from its
/// task (a copy of a command this process is rendering already, or one whose attempt is another worker's,
/// ended or superseded, is dropped). While the render runs on a thread of its own the lease is renewed every
/// heartbeat interval, straight to the task and not through the broker; when the task answers "stop"
/// (cancelled, paused, superseded) the render is cancelled and its staging folders removed. The render writes
/// into folders of its attempt's own (<see cref="RenderAttempt"/>); once it finished, the claim is checked once
/// more and only then are its files moved into place and the task told. Failures that another attempt cannot
/// mend (a bad document, an unreadable or missing file, a path outside the media root) are marked so. When the
/// host shuts down the render is cancelled and the attempt handed back to its task, which sends it again; when
/// only the broker took the command's channel away (a restart, its consumer timeout) the render goes on.
/// </summary>
public sealed partial class RenderRunner(IOptions<WorkerOptions> options, RenderSlots slots, WorkerStats stats, IRenderClaims claims, WorkerShutdown shutdown, TimeProvider time, ILogger<RenderRunner> logger)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReportFor = TimeSpan.FromMinutes(2);
    private readonly WorkerOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string TaskId, int Attempt), byte> _here = new();

    public string Worker => _options.WorkerName;

    public async Task Run(ConsumeContext context, string taskId, int attempt, Func<RenderAttempt, RenderResult> render)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(render);
        var stopping = context.CancellationToken;
        stats.Take();
        if (!_here.TryAdd((taskId, attempt), 0))
        {
            // A copy of a command this process renders already (the broker redelivered it while it runs).
            LogDropped(logger, taskId, attempt, "this worker renders it already");
            stats.Drop();
            return;
        }

        try
        {
            var log = new AttemptLog(time);
            log.Add($"attempt {attempt} taken from the queue by {Worker} (process {Environment.ProcessId} on {Environment.MachineName})");
            var waiting = Stopwatch.StartNew();
            await slots.WaitAsync(stopping);
            try
            {
                if (waiting.Elapsed > TimeSpan.FromMilliseconds(50))
                {
                    log.Add(string.Create(CultureInfo.InvariantCulture, $"waited {waiting.Elapsed.TotalSeconds:0.00} s for a render slot"));
                }

                var claim = await Call(ct => claims.Claim(taskId, attempt, Worker, $"{Worker}/{Guid.NewGuid():N}", ct), ReportFor, stopping);
                if (!claim.Granted)
                {
                    LogDropped(logger, taskId, attempt, claim.Refusal ?? "refused");
                    stats.Drop();
                    return;
                }

                log.Add(string.Create(CultureInfo.InvariantCulture, $"claimed (token {claim.Token})"));

                // From the claim on, the lease governs: the consume's cancellation stops the render only when
                // the host shuts down (it is then handed back), not when the broker dropped the channel.
                using var handBack = new CancellationTokenSource();
                using var watch = stopping.Register(() =>
                {
                    if (shutdown.IsStopping)
                    {
                        handBack.Cancel();
                    }
                    else
                    {
                        LogChannelLost(logger, taskId, attempt);
                    }
                });
                await Claimed(taskId, attempt, claim, log, render, handBack.Token);
            }
            finally
            {
                slots.Release();
            }
        }
        finally
        {
            _here.TryRemove((taskId, attempt), out _);
        }
    }

    private async Task Claimed(string taskId, int attempt, ClaimAnswer claim, AttemptLog log, Func<RenderAttempt, RenderResult> render, CancellationToken stopping)
    {
        var token = claim.Token;
        var clock = Stopwatch.StartNew();
        stats.Start(taskId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var stopped = (string?)null;
        var progress = new RenderProgress();
        var staged = new RenderAttempt(taskId, attempt, progress, EnsureCurrent, stop.Token);
        RenderResult? published = null;
        try
        {
            if (_options.Hangs(taskId, attempt))
            {
                log.Add(string.Create(CultureInfo.InvariantCulture, $"fault injection: silent for {_options.HangFor.TotalSeconds:0} s"));
                LogHanging(logger, taskId, attempt);
                stats.Hang(taskId);
                try
                {
                    await Task.Delay(_options.HangFor, time, stopping);
                }
                finally
                {
                    stats.Woke(taskId);
                }

                EnsureCurrentNow(await Call(ct => claims.Renew(taskId, attempt, token, 0, ct), ReportFor, stopping)); // a zombie that wakes asks first
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var heartbeat = Heartbeat(taskId, attempt, token, progress, reason =>
            {
                stopped = reason;
                stop.Cancel();
            }, done.Token);
            log.Add("rendering");
            RenderResult result;
            try
            {
                // A render keeps a core busy for seconds to minutes: it gets its own thread, so the thread
                // pool stays free for Orleans and the bus.
                result = await Task.Factory.StartNew(() =>
                {
                    stop.Token.ThrowIfCancellationRequested();
                    return render(staged);
                }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            finally
            {
                await done.CancelAsync();
                var beats = await heartbeat;
                log.Add(string.Create(CultureInfo.InvariantCulture, $"{beats} heartbeats"));
            }

            // The outputs go into place only while the claim holds.
            EnsureCurrentNow(await Call(ct => claims.Renew(taskId, attempt, token, 1, ct), ReportFor, stopping));
            staged.Publish();
            published = result;
        }
        catch (Exception e) when (stopped is not null || e is AttemptStoppedException)
        {
            // The task said stop: nothing of this attempt stays, and nothing is reported (the task knows).
            staged.Discard();
            stats.Stop(taskId, clock.Elapsed);
            LogStopped(logger, taskId, attempt, stopped ?? ((AttemptStoppedException)e).Reason, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (stopping.IsCancellationRequested)
        {
            // The host shuts down: the attempt goes back to its task, which sends it again.
            staged.Discard();
            stats.HandBack(taskId, clock.Elapsed);
            log.Add("handed back: the worker is stopping");
            await Try(ct => claims.HandBack(taskId, attempt, token, log.ToString(), ct), CallTimeout);
            throw new OperationCanceledException($"task {taskId} attempt {attempt}: the worker is stopping", e, stopping);
        }
        catch (Exception e)
        {
            staged.Discard();
            var (reason, retryable) = Describe(e);
            log.Failed(e, clock.Elapsed);
            stats.Fail(taskId, attempt, reason, retryable, clock.Elapsed);
            LogFailed(logger, e, taskId, attempt, retryable);
            await Report(taskId, attempt, "failure", ct => claims.Fail(taskId, attempt, token, reason, retryable, log.ToString(), ct));
        }

        if (published is not null)
        {
            // (outside the render's try: a completion the task does not hear of is not a failure of the render)
            if (published.Note is { } note)
            {
                log.Add(note);
            }

            log.Add(string.Create(CultureInfo.InvariantCulture,
                $"finished in {clock.Elapsed.TotalSeconds:0.00} s: {string.Join(", ", published.Outputs.Select(o => Path.GetFileName(o.Path)))}"));
            stats.Succeed(taskId, clock.Elapsed);
            LogCompleted(logger, taskId, attempt, clock.Elapsed.TotalSeconds);
            await Report(taskId, attempt, "completion", ct => claims.Complete(taskId, attempt, token, published.Outputs, published.Report, log.ToString(), ct));
        }

        // Asked by a render before it moves files into place itself (an album's publish): on its own thread, so it may wait.
        void EnsureCurrent() => EnsureCurrentNow(Call(ct => claims.Renew(taskId, attempt, token, progress.Fraction, ct), ReportFor, stopping).GetAwaiter().GetResult());

        void EnsureCurrentNow(LeaseVerdict verdict)
        {
            if (verdict.Stop)
            {
                stopped = verdict.Reason ?? "stop";
                throw new AttemptStoppedException(stopped);
            }
        }
    }

    // Tells the task how its attempt ended, trying for a while; when the task stays unreachable its lease runs
    // out and it sends the work again (the files in place are the same bytes any attempt makes).
    private async Task Report(string taskId, int attempt, string what, Func<CancellationToken, Task> call)
    {
        try
        {
            await Call(call, ReportFor, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogUnreported(logger, e, taskId, attempt, what);
        }
    }

    /// <summary>What to tell a person about a failure, and whether another attempt may do better.</summary>
    public static (string Reason, bool Retryable) Describe(Exception e) => e switch
    {
        DocumentException or AudioFileException or MediaPathException or FileNotFoundException or DirectoryNotFoundException => (e.Message, false),
        ArgumentException or Mastering.Cd.RedBookException => (e.Message, false),
        IOException io when DiskFull(io) => ($"disk full: {e.Message}", true),
        UnauthorizedAccessException => ($"the media folder is not readable or not writable here: {e.Message}", true),
        IOException => (e.Message, true),
        _ => ($"internal error ({e.GetType().Name}): {e.Message}", true),
    };

    // ENOSPC (28) and EDQUOT (122) as .NET gives them on Unix (the errno as HResult), ERROR_DISK_FULL on Windows.
    private static bool DiskFull(IOException e) => e.HResult is 28 or 122 or unchecked((int)0x80070070) || e.InnerException is IOException inner && DiskFull(inner);

    // Renews the lease every heartbeat interval until the render ends or the task says stop; how many renewals it made.
    // A renewal that fails (the task's silo moving, the network away) is tried again at the next beat: the task
    // answers once it is back, and the check before the outputs go into place has the last word.
    private async Task<int> Heartbeat(string taskId, int attempt, long token, RenderProgress progress, Action<string> stop, CancellationToken done)
    {
        var beats = 0;
        var failing = false;
        try
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, time, done);
                LeaseVerdict verdict;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(done);
                    timeout.CancelAfter(CallTimeout);
                    verdict = await claims.Renew(taskId, attempt, token, progress.Fraction, timeout.Token);
                }
                catch (Exception e) when (!done.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        LogRenewFailed(logger, e, taskId, attempt);
                    }

                    failing = true;
                    continue;
                }

                failing = false;
                beats++;
                if (verdict.Stop)
                {
                    stop(verdict.Reason ?? "stop");
                    return beats;
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The render ended.
        }

        return beats;
    }

    // A call to the task, tried again with a growing pause (the task's silo may be moving, its store away) for
    // up to `giveUpAfter`; the last failure is thrown.
    private async Task<T> Call<T>(Func<CancellationToken, Task<T>> call, TimeSpan giveUpAfter, CancellationToken stopping)
    {
        var started = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(CallTimeout);
                return await call(timeout.Token);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested && started.Elapsed < giveUpAfter && e is not ArgumentException)
            {
                LogCallFailed(logger, e, pause.TotalSeconds);
                await Task.Delay(pause, time, stopping);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private Task<bool> Call(Func<CancellationToken, Task> call, TimeSpan giveUpAfter, CancellationToken stopping) =>
        Call(async ct =>
        {
            await call(ct);
            return true;
        }, giveUpAfter, stopping);

    // One call, its failure logged and not thrown (the task's clocks mend what it did not say).
    private async Task Try(Func<CancellationToken, Task> call, TimeSpan timeout)
    {
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await call(cancel.Token);
        }
        catch (Exception e)
        {
            LogCallFailed(logger, e, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId} attempt {Attempt}: the broker took its command's channel away; the render goes on under its lease (a copy handed out again is dropped)")]
    private static partial void LogChannelLost(ILogger logger, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "fault injection: task {TaskId} attempt {Attempt} hangs without heartbeats")]
    private static partial void LogHanging(ILogger logger, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId} attempt {Attempt} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string taskId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId} attempt {Attempt} stopped after {Seconds:0.00} s: {Reason}; its files removed")]
    private static partial void LogStopped(ILogger logger, string taskId, int attempt, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId} attempt {Attempt}: its lease could not be renewed; trying at every heartbeat")]
    private static partial void LogRenewFailed(ILogger logger, Exception error, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a call to a task failed; trying again in {Seconds:0.0} s")]
    private static partial void LogCallFailed(ILogger logger, Exception error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "task {TaskId} attempt {Attempt}: its {What} could not be told to the task; its lease will run out and it is sent again")]
    private static partial void LogUnreported(ILogger logger, Exception error, string taskId, int attempt, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId} attempt {Attempt} rendered in {Seconds:0.00} s")]
    private static partial void LogCompleted(ILogger logger, string taskId, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId} attempt {Attempt} failed (retryable: {Retryable})")]
    private static partial void LogFailed(ILogger logger, Exception error, string taskId, int attempt, bool retryable);
}
