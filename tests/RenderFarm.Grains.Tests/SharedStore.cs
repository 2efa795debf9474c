using System.Collections.Concurrent;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// The fault cluster's store, shared by its silos and outliving any of them, with versions (etags); a test can make
/// it refuse writes or reads (the store away), put in state an earlier version wrote, and count the writes.
/// Keys are <c>STATE|type/key</c>.
/// </summary>
internal sealed class SharedStore
{
    private readonly ConcurrentDictionary<string, (long Version, byte[] Body)> _store = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private Func<string, bool>? _refuse;
    private int _refusals;
    private Func<string, bool>? _refuseReads;
    private int _readRefusals;

    /// <summary>Writes refused so far.</summary>
    public int Refusals { get; private set; }

    /// <summary>The next <paramref name="count"/> writes of grains whose id <paramref name="when"/> picks fail, as with the store away.</summary>
    public void Refuse(Func<string, bool> when, int count)
    {
        _refusals = count;
        _refuse = when;
    }

    /// <summary>The next <paramref name="count"/> reads (activations) of grains whose id <paramref name="when"/> picks fail.</summary>
    public void RefuseReads(Func<string, bool> when, int count)
    {
        _readRefusals = count;
        _refuseReads = when;
    }

    /// <summary>Puts bytes in the store as a state written by an earlier version would be (<paramref name="grainId"/> as <c>type/key</c>).</summary>
    public void Put(string stateName, string grainId, byte[] body) => _store[$"{stateName}|{grainId}"] = (1, body);

    /// <summary>How many times a state was written, and its size now (<paramref name="grainId"/> as <c>type/key</c>).</summary>
    public (int Writes, int Bytes) Written(string stateName, string grainId) =>
        (_writes.GetValueOrDefault($"{stateName}|{grainId}"), _store.TryGetValue($"{stateName}|{grainId}", out var stored) ? stored.Body.Length : 0);

    internal bool RefusesRead(string grainId) => _refuseReads?.Invoke(grainId) == true && Interlocked.Decrement(ref _readRefusals) >= 0;

    internal bool RefusesWrite(string grainId)
    {
        if (_refuse?.Invoke(grainId) == true && Interlocked.Decrement(ref _refusals) >= 0)
        {
            Refusals++;
            return true;
        }

        return false;
    }

    internal (long Version, byte[] Body)? Get(string key) => _store.TryGetValue(key, out var stored) ? stored : null;

    // The new version, or null when the stored one is not the expected one (another writer first).
    internal long? Write(string key, byte[] body, long expected)
    {
        lock (_store)
        {
            var version = _store.TryGetValue(key, out var stored) ? stored.Version : 0;
            if (version != expected)
            {
                return null;
            }

            _store[key] = (version + 1, body);
            _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
            return version + 1;
        }
    }

    internal void Remove(string key) => _store.TryRemove(key, out _);
}
