using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderFarm.Audio;
using RenderFarm.Audio.Documents;
using RenderFarm.Contracts;

namespace RenderFarm.Worker;

/// <summary>
/// Runs one render for a consumer: waits for a render slot, says it started, then reports its progress
/// every heartbeat interval while the render runs on a thread of its own, and publishes its completion or
/// its failure. Failures that another attempt cannot mend (a bad document, an unreadable or missing
/// file, a path outside the media root) are marked so. When the host shuts down the render is
/// cancelled and the message goes back to the queue for another worker.
/// </summary>
public sealed partial class RenderRunner(IOptions<WorkerOptions> options, RenderSlots slots, WorkerStats stats, TimeProvider time, ILogger<RenderRunner> logger)
{
    private readonly WorkerOptions _options = options.Value;

    public string Worker => _options.WorkerName;

    public async Task Run(ConsumeContext context, string taskId, int attempt, Func<RenderProgress, CancellationToken, RenderResult> render)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(render);
        var stopping = context.CancellationToken;
        stats.Take();
        var log = new AttemptLog(time);
        log.Add($"attempt {attempt} taken from the queue by {Worker} (process {Environment.ProcessId} on {Environment.MachineName})");
        var waiting = Stopwatch.StartNew();
        await slots.WaitAsync(stopping);
        if (waiting.Elapsed > TimeSpan.FromMilliseconds(50))
        {
            log.Add(string.Create(CultureInfo.InvariantCulture, $"waited {waiting.Elapsed.TotalSeconds:0.00} s for a render slot"));
        }

        var clock = Stopwatch.StartNew();
        stats.Start(taskId);
        var ended = false;
        try
        {
            var progress = new RenderProgress();
            await context.Publish(new RenderProgressed(taskId, attempt, Worker, 0), stopping);
            if (_options.Hangs(taskId, attempt))
            {
                log.Add(string.Create(CultureInfo.InvariantCulture, $"fault injection: silent for {_options.HangFor.TotalSeconds:0} s"));
                LogHanging(logger, taskId, attempt);
                await Task.Delay(_options.HangFor, time, stopping);
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var heartbeat = Heartbeat(context, taskId, attempt, progress, done.Token);
            log.Add("rendering");
            try
            {
                // A render keeps a core busy for seconds to minutes: it gets its own thread, so the thread
                // pool stays free for Orleans and the bus.
                var result = await Task.Factory.StartNew(() => render(progress, stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                await done.CancelAsync();
                var beats = await heartbeat;
                log.Add(string.Create(CultureInfo.InvariantCulture,
                    $"finished in {clock.Elapsed.TotalSeconds:0.00} s ({beats} heartbeats): {string.Join(", ", result.Outputs.Select(o => Path.GetFileName(o.Path)))}"));
                await context.Publish(new RenderCompleted(taskId, attempt, Worker, result.Outputs, result.ReportJson, clock.Elapsed.TotalSeconds, log.ToString()), stopping);
                stats.Succeed(taskId, clock.Elapsed);
                ended = true;
                LogCompleted(logger, taskId, attempt, clock.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                await done.CancelAsync();
                await heartbeat;
                var (reason, retryable) = Describe(e);
                log.Failed(e, clock.Elapsed);
                await context.Publish(new RenderFailed(taskId, attempt, Worker, reason, retryable, log.ToString()), stopping);
                stats.Fail(taskId, attempt, reason, retryable, clock.Elapsed);
                ended = true;
                LogFailed(logger, e, taskId, attempt, retryable);
            }
        }
        finally
        {
            if (!ended)
            {
                stats.HandBack(taskId, clock.Elapsed);
            }

            slots.Release();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "fault injection: task {TaskId} attempt {Attempt} hangs without heartbeats")]
    private static partial void LogHanging(ILogger logger, string taskId, int attempt);

    // ENOSPC (28) and EDQUOT (122) as .NET gives them on Unix (the errno as HResult), ERROR_DISK_FULL on Windows.
    private static bool DiskFull(IOException e) => e.HResult is 28 or 122 or unchecked((int)0x80070070) || e.InnerException is IOException inner && DiskFull(inner);

    // Reports progress every heartbeat interval until the render ends; how many it sent.
    private async Task<int> Heartbeat(ConsumeContext context, string taskId, int attempt, RenderProgress progress, CancellationToken done)
    {
        var beats = 0;
        try
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, time, done);
                await context.Publish(new RenderProgressed(taskId, attempt, Worker, progress.Fraction), done);
                beats++;
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The render ended.
        }

        return beats;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "task {TaskId} attempt {Attempt} rendered in {Seconds:0.00} s")]
    private static partial void LogCompleted(ILogger logger, string taskId, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId} attempt {Attempt} failed (retryable: {Retryable})")]
    private static partial void LogFailed(ILogger logger, Exception error, string taskId, int attempt, bool retryable);
}
