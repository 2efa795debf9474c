using Orleans.Serialization;

namespace RenderFarm.Grains;

/// <summary>
/// Commit or deactivate: a grain changes its state, then writes it, and serves the change only once the
/// store has it. When the write fails (the store away, another activation's write first: an
/// <see cref="Orleans.Storage.InconsistentStateException"/>) the state from before the change is put back, the activation is
/// deactivated (its next one reads what the store holds) and the exception goes to the caller, who tries again.
/// </summary>
public static class Committed
{
    /// <summary>Applies <paramref name="change"/> to the state and writes it; on a failed write restores the state, deactivates and rethrows.</summary>
    public static async Task Commit<T>(this IPersistentState<T> state, DeepCopier<T> copier, IGrainBase grain, Action<T> change)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(copier);
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(change);
        var before = copier.Copy(state.State);
        change(state.State);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before!;
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
