namespace RenderFarm.Grains.Tests;

/// <summary>Polls the cluster until a probe has an answer, or fails saying how long it waited.</summary>
internal static class Until
{
    /// <summary>The first non-null answer of <paramref name="probe"/> within <paramref name="within"/> (20 s unless told:
    /// the suite runs beside other work on two cores); <paramref name="poke"/>, when given, runs between tries and may fail.</summary>
    public static async Task<T> Answered<T>(Func<Task<T?>> probe, TimeSpan? within = null, Func<Task>? poke = null)
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

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"the cluster did not get there within {limit.TotalSeconds:0} s");
    }

    public static Task<T> Answered<T>(Func<T?> probe, TimeSpan? within = null, Func<Task>? poke = null) =>
        Answered(() => Task.FromResult(probe()), within, poke);
}
