using System.Globalization;
using System.Text;

namespace RenderFarm.Worker;

/// <summary>
/// What a worker did with one attempt, line by line with UTC times: when it took the command, waited for a
/// slot, rendered, how it ended and, on a failure, where it was thrown. Sent with the attempt's outcome and
/// shown with the attempt on the dashboard.
/// </summary>
public sealed class AttemptLog(TimeProvider time)
{
    private const int MaxFrames = 4;
    private readonly StringBuilder _text = new();

    public void Add(string line) =>
        _text.Append(time.GetUtcNow().UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ').Append(line).Append('\n');

    /// <summary>The failure: its type and message, and the frames of our code it was thrown through (innermost first).</summary>
    public void Failed(Exception error, TimeSpan after)
    {
        ArgumentNullException.ThrowIfNull(error);
        Add(string.Create(CultureInfo.InvariantCulture, $"failed after {after.TotalSeconds:0.00} s: {error.GetType().Name}: {error.Message}"));
        var frames = (error.StackTrace ?? string.Empty).Split('\n')
            .Select(f => f.Trim())
            .Where(f => f.StartsWith("at RenderFarm.", StringComparison.Ordinal))
            .Take(MaxFrames);
        foreach (var frame in frames)
        {
            _text.Append("    ").Append(frame).Append('\n');
        }
    }

    public override string ToString() => _text.ToString().TrimEnd('\n');
}
