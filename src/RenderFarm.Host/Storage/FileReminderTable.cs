using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Host.Storage;

/// <summary>
/// Reminders in a file, for the embedded default, so a catalogue's and a title's reminders outlive a
/// restart (the in-memory table forgets them, and with them the only clock that finds a task no one
/// watches). The table lives in memory and every change is appended to a journal, one JSON line each,
/// flushed to disk before the change is acknowledged; a line cut short by a crash is the last one and is
/// dropped when the journal is read. When the journal holds many more lines than live reminders it is
/// rewritten (to a temporary file, flushed, renamed), so its size follows the reminders, not their history.
/// </summary>
public sealed partial class FileReminderTable(string directory, ILogger<FileReminderTable> logger) : IReminderTable, IDisposable
{
    private const string FileName = "reminders.jsonl";
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _rows = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _version;
    private int _lines;
    private FileStream? _journal;

    private string PathOf => Path.Combine(directory, FileName);

    public async Task Init()
    {
        await _gate.WaitAsync();
        try
        {
            if (_journal is not null)
            {
                return;
            }

            FileGrainStorage.Private(directory);
            if (File.Exists(PathOf))
            {
                Replay(await File.ReadAllLinesAsync(PathOf));
            }

            // Always start from a compact journal: it also drops a torn last line.
            await Rewrite();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await _gate.WaitAsync();
        try
        {
            return new ReminderTableData(_rows.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }

    // The ring range (begin, end]; begin >= end wraps around (begin == end is the whole ring).
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        await _gate.WaitAsync();
        try
        {
            return new ReminderTableData(_rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await _gate.WaitAsync();
        try
        {
            return _rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _gate.WaitAsync();
        try
        {
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            var row = new ReminderEntry { GrainId = entry.GrainId, ReminderName = entry.ReminderName, StartAt = entry.StartAt, Period = entry.Period, ETag = etag };
            await Append(new Line { Grain = row.GrainId.ToString(), Name = row.ReminderName, StartAt = row.StartAt, Period = row.Period, ETag = etag });
            _rows[(row.GrainId, row.ReminderName)] = row;
            return etag;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag)
            {
                return false;
            }

            await Append(new Line { Grain = grainId.ToString(), Name = reminderName, Removed = true });
            _rows.Remove((grainId, reminderName));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task TestOnlyClearTable()
    {
        await _gate.WaitAsync();
        try
        {
            _rows.Clear();
            await Rewrite();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _gate.Dispose();
    }

    internal static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry r) =>
        new() { GrainId = r.GrainId, ReminderName = r.ReminderName, StartAt = r.StartAt, Period = r.Period, ETag = r.ETag };

    private void Replay(string[] lines)
    {
        foreach (var (text, number) in lines.Select((t, i) => (t, i + 1)))
        {
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize(text, ReminderJson.Default.Line);
            }
            catch (JsonException e) when (number == lines.Length)
            {
                LogTornLine(logger, PathOf, number, e.Message);
                break;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"the reminder journal {PathOf} is corrupt at line {number}: {e.Message}", e);
            }

            if (line is null)
            {
                continue;
            }

            var key = (GrainId.Parse(line.Grain), line.Name);
            if (line.Removed)
            {
                _rows.Remove(key);
                continue;
            }

            _rows[key] = new ReminderEntry { GrainId = key.Item1, ReminderName = line.Name, StartAt = line.StartAt, Period = line.Period, ETag = line.ETag };
            _version = Math.Max(_version, long.TryParse(line.ETag, CultureInfo.InvariantCulture, out var v) ? v : 0);
        }
    }

    private async Task Append(Line line)
    {
        if (_journal is null)
        {
            throw new InvalidOperationException($"the reminder table {PathOf} was not initialised");
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, ReminderJson.Default.Line);
        await _journal.WriteAsync(bytes);
        await _journal.WriteAsync("\n"u8.ToArray());
        await _journal.FlushAsync();
        _journal.Flush(flushToDisk: true);
        if (++_lines > (2 * _rows.Count) + 256)
        {
            await Rewrite();
        }
    }

    // The live rows into a new journal, renamed over the old one; appends go on in the new one.
    private async Task Rewrite()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
            _journal = null;
        }

        var temporary = $"{PathOf}.{Guid.NewGuid():N}.partial";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, create))
        {
            foreach (var row in _rows.Values)
            {
                await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(
                    new Line { Grain = row.GrainId.ToString(), Name = row.ReminderName, StartAt = row.StartAt, Period = row.Period, ETag = row.ETag }, ReminderJson.Default.Line));
                await stream.WriteAsync("\n"u8.ToArray());
            }

            await stream.FlushAsync();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, PathOf, overwrite: true);
        _lines = _rows.Count;
        _journal = new FileStream(PathOf, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "reminder journal {Path}: line {Number} was cut short ({Error}); it and anything after it are dropped")]
    private static partial void LogTornLine(ILogger logger, string path, int number, string error);

    internal sealed record Line
    {
        public required string Grain { get; init; }

        public required string Name { get; init; }

        public DateTime StartAt { get; init; }

        public TimeSpan Period { get; init; }

        public string? ETag { get; init; }

        public bool Removed { get; init; }
    }
}
