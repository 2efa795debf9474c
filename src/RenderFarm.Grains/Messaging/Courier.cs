namespace RenderFarm.Grains.Messaging;

/// <summary>
/// Carries a grain's report to another grain until it is taken: a request (not one-way, which a dying
/// silo can lose without a word) made from an interleaved grain timer, so the sender never waits on the
/// receiver (which may be calling it at that moment) and a report that fails is sent again every few
/// seconds while the sender's activation lives. A newer report replaces one not yet delivered; the
/// receiver must take a report twice, or an older one after a newer, without harm.
/// </summary>
public sealed class Courier
{
    private static readonly TimeSpan Again = TimeSpan.FromSeconds(3);
    private IGrainTimer? _pending;

    /// <summary>Sends <paramref name="report"/> from <paramref name="owner"/> now, and again until it returns without an exception.</summary>
    public void Send(Grain owner, Func<Task> report)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(report);
        _pending?.Dispose();
        IGrainTimer? timer = null;
        timer = owner.RegisterGrainTimer(async () =>
        {
            try
            {
                await report();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return; // the next tick tries again
            }

            timer!.Dispose();
            if (ReferenceEquals(_pending, timer))
            {
                _pending = null;
            }
        }, new GrainTimerCreationOptions(TimeSpan.Zero, Again) { Interleave = true, KeepAlive = true });
        _pending = timer;
    }
}
