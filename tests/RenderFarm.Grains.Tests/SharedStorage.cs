using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// Grain storage for the fault tests: one store for every silo of the process (it outlives a silo that is
/// killed, as Redis outlives a silo), with etags, that can be told to refuse writes or reads (the store away).
/// </summary>
internal sealed class SharedStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (long Version, byte[] Body)> Store = new(StringComparer.Ordinal);
    private static Func<string, bool>? _refuse;
    private static int _refusals;

    /// <summary>Writes refused so far.</summary>
    public static int Refusals { get; private set; }

    /// <summary>The next <paramref name="count"/> writes of grains whose id <paramref name="when"/> picks fail, as with the store away.</summary>
    public static void Refuse(Func<string, bool> when, int count)
    {
        _refusals = count;
        _refuse = when;
    }

    private static Func<string, bool>? _refuseReads;
    private static int _readRefusals;

    /// <summary>The next <paramref name="count"/> reads (activations) of grains whose id <paramref name="when"/> picks fail.</summary>
    public static void RefuseReads(Func<string, bool> when, int count)
    {
        _readRefusals = count;
        _refuseReads = when;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_refuseReads?.Invoke(grainId.ToString()) == true && Interlocked.Decrement(ref _readRefusals) >= 0)
        {
            throw new TimeoutException($"the store is away (read of {grainId})");
        }

        if (Store.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Body);
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = Key(stateName, grainId);
        if (_refuse?.Invoke(grainId.ToString()) == true && Interlocked.Decrement(ref _refusals) >= 0)
        {
            Refusals++;
            throw new TimeoutException($"the store is away (write of {grainId})");
        }

        var body = serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        lock (Store)
        {
            var version = Store.TryGetValue(key, out var stored) ? stored.Version : 0;
            if (version != expected)
            {
                throw new InconsistentStateException($"state of {grainId} changed (version {version}, expected {expected})", version.ToString(CultureInfo.InvariantCulture), grainState.ETag);
            }

            Store[key] = (version + 1, body);
            grainState.ETag = (version + 1).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        Store.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
