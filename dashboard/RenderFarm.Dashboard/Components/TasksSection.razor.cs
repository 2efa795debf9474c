using System.Globalization;
using Microsoft.AspNetCore.Components;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Components;

/// <summary>A title's tasks for the studio: each attempt with its worker, when it was sent, taken and ended, its outcome and the worker's log.</summary>
public sealed partial class TasksSection
{
    [Parameter, EditorRequired]
    public IReadOnlyList<RenderTaskSnapshot> Tasks { get; set; } = [];

    // When the attempt was sent, taken, and ended, and how long it ran.
    private static IEnumerable<string> AttemptLog(AttemptRecord a)
    {
        yield return $"{Show.Stamp(a.DispatchedAt)} dispatched";
        if (a.StartedAt is { } started)
        {
            yield return $"{Show.Stamp(started)} started on {a.Worker}";
        }

        if (a.EndedAt is { } ended)
        {
            var ran = a.StartedAt is { } s ? string.Create(CultureInfo.InvariantCulture, $" after {(ended - s).TotalSeconds:0.0} s") : null;
            yield return $"{Show.Stamp(ended)} {a.Outcome ?? "ended"}{ran}";
        }
    }
}
