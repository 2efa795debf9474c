using Orleans.Serialization;

namespace RenderFarm.Grains;

/// <summary>
/// Commit or deactivate for a grain that changes its state in place over a call: it keeps a copy of what
/// the store last took, and a write that fails puts that copy back, deactivates the grain and rethrows, so
/// an unwritten change is never served (nor reported) as if written.
/// </summary>
public sealed class WrittenState<T>(IPersistentState<T> state, DeepCopier<T> copier)
{
    private T? _written;

    /// <summary>The state as the store last took it (a copy: not to be changed).</summary>
    public T Last => _written ?? throw new InvalidOperationException("the state was not read yet");

    /// <summary>Takes the state as read (call on activation).</summary>
    public void Read() => _written = copier.Copy(state.State);

    public async Task Write(IGrainBase grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = copier.Copy(_written!);
            grain.DeactivateOnIdle();
            throw;
        }

        _written = copier.Copy(state.State);
    }

    /// <summary>
    /// Runs a turn (a call, a timer) that changes the state in place: when it throws after a change it did not write
    /// (a call to another grain failing between the two), what the store last took is put back and the grain
    /// deactivated, so the change is neither served nor half-kept; the exception goes on to the caller.
    /// </summary>
    public async Task Guarded(IGrainBase grain, Func<Task> turn)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            await turn();
        }
        catch
        {
            state.State = copier.Copy(_written!);
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
