using Orleans.Serialization;
using Orleans.Storage;

namespace RenderFarm.Host.Storage;

/// <summary>
/// Grain state in files, for the embedded default: one file per grain and state name under a folder,
/// written under a temporary name, flushed to disk and renamed, so a crash leaves the old state or the
/// new one, never half of one. The ETag is a version counter kept in the file.
/// </summary>
public sealed class FileGrainStorage(string directory, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        var version = BitConverter.ToInt64(bytes, 0);
        grainState.State = serializer.Deserialize<T>(bytes.AsMemory(8));
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        var stored = File.Exists(path) ? BitConverter.ToInt64(await ReadHead(path), 0) : (long?)null;
        var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        if (stored != expected)
        {
            throw new InconsistentStateException($"state of {grainId} changed on disk (version {stored}, expected {expected})", stored?.ToString(System.Globalization.CultureInfo.InvariantCulture), grainState.ETag);
        }

        var version = (stored ?? 0) + 1;
        var body = serializer.SerializeToArray(grainState.State);
        Private(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        // Grain state holds password hashes and the sign-in keys: readable by this user only.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 4096, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, create))
        {
            await stream.WriteAsync(BitConverter.GetBytes(version));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        File.Delete(PathOf(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Makes a folder (and those above it) for this user only (0700), as the grain state's folders are.</summary>
    public static void Private(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<byte[]> ReadHead(string path)
    {
        var head = new byte[8];
        await using var stream = File.OpenRead(path);
        await stream.ReadExactlyAsync(head);
        return head;
    }

    // Grain ids hold '/' and can be long: the file is named by the SHA-256 of the id.
    private string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(directory, stateName, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(grainId.ToString()))) + ".state");
}
