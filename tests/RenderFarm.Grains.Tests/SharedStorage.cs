using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace RenderFarm.Grains.Tests;

/// <summary>A silo's grain storage in the fault tests: the fixture's <see cref="SharedStore"/>, which outlives the silo (as Redis outlives a silo).</summary>
internal sealed class SharedStorage(Serializer serializer, SharedStore store) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (store.RefusesRead(grainId.ToString()))
        {
            throw new TimeoutException($"the store is away (read of {grainId})");
        }

        if (store.Get(Key(stateName, grainId)) is { } stored)
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
        if (store.RefusesWrite(grainId.ToString()))
        {
            throw new TimeoutException($"the store is away (write of {grainId})");
        }

        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var version = store.Write(Key(stateName, grainId), serializer.SerializeToArray(grainState.State), expected)
            ?? throw new InconsistentStateException($"state of {grainId} changed (expected version {expected})", null, grainState.ETag);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        store.Remove(Key(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
