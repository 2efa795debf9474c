namespace RenderFarm.Testing;

/// <summary>
/// Polls until a probe has an answer (a cluster's grain, a worker's report, a host's API), or fails saying what it
/// waited for and how long: the one wait the test projects share.
/// </summary>
public static class Until
{
    /// <summary>The first non-null answer of <paramref name="probe"/> within <paramref name="within"/> (20 s unless told:
    /// the suite runs beside other work on two cores); <paramref name="poke"/>, when given, runs between tries and may fail.</summary>
    public static async Task<T> Answered<T>(Func<Task<T?>> probe, TimeSpan? within = null, Func<Task>? poke = null, string what = "the answer")
    {
        var limit = within ?? TimeSpan.FromSeconds(20);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (poke is not null)
            {
                try
                {
                    await poke();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // (a call to a grain of the dead silo fails until the cluster knows it is dead)
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what} did not come within {limit.TotalSeconds:0} s");
    }

    public static Task<T> Answered<T>(Func<T?> probe, TimeSpan? within = null, Func<Task>? poke = null, string what = "the answer") =>
        Answered(() => Task.FromResult(probe()), within, poke, what);
}
