using System.Globalization;
using System.Text.RegularExpressions;
using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Inserts;

namespace RenderFarm.Mixing.Sessions;

/// <summary>The checks of a session as a whole: names, routing (no cycles), regions, and what automation moves and to which values.</summary>
internal static partial class SessionChecks
{
    public static void Check(SessionSpec session)
    {
        var buses = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var b = 0; b < session.Buses.Count; b++)
        {
            var name = session.Buses[b].Name;
            if (name == SessionSpec.MasterName)
            {
                throw new SessionException($"$.buses[{b}].name", "'master' is the master bus's name: choose another");
            }

            if (!buses.TryAdd(name, b))
            {
                throw new SessionException($"$.buses[{b}].name", $"'{name}' is already the name of $.buses[{buses[name]}]");
            }
        }

        string Route(string target, string field) => target == SessionSpec.MasterName || buses.ContainsKey(target)
            ? target
            : throw new SessionException(field, $"'{target}' is not a bus: accepted master{string.Concat(buses.Keys.Select(k => ", " + k))}");

        var tracks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < session.Tracks.Count; t++)
        {
            var track = session.Tracks[t];
            var path = $"$.tracks[{t}]";
            if (!tracks.TryAdd(track.Name, t))
            {
                throw new SessionException($"{path}.name", $"'{track.Name}' is already the name of $.tracks[{tracks[track.Name]}]");
            }

            Route(track.Output, $"{path}.output");
            for (var s = 0; s < track.Sends.Count; s++)
            {
                Route(track.Sends[s].Bus, $"{path}.sends[{s}].bus");
            }

            CheckRegions(track, path);
            CheckLanes(track.Automation, TrackParameters(track), track.Inserts, path, session.SampleRate);
        }

        for (var b = 0; b < session.Buses.Count; b++)
        {
            var bus = session.Buses[b];
            Route(bus.Output, $"$.buses[{b}].output");
            CheckLanes(bus.Automation, ["gain_db", "pan"], bus.Inserts, $"$.buses[{b}]", session.SampleRate);
        }

        CheckLanes(session.Master.Automation, ["gain_db"], session.Master.Inserts, "$.master", session.SampleRate);
        CheckCycles(session, buses);
    }

    /// <summary>The buses in the order they must be mixed: every bus after all the buses that feed it.</summary>
    public static IReadOnlyList<int> BusOrder(SessionSpec session)
    {
        var order = new List<int>();
        var state = new int[session.Buses.Count];
        void Visit(int b)
        {
            if (state[b] == 2)
            {
                return;
            }

            state[b] = 1;
            foreach (var feeder in session.Buses.Select((x, i) => (x, i)).Where(p => p.x.Output == session.Buses[b].Name))
            {
                Visit(feeder.i);
            }

            state[b] = 2;
            order.Add(b);
        }

        for (var b = 0; b < session.Buses.Count; b++)
        {
            Visit(b);
        }

        return order;
    }

    private static void CheckCycles(SessionSpec session, Dictionary<string, int> buses)
    {
        foreach (var (name, start) in buses)
        {
            var seen = new List<string> { name };
            var at = session.Buses[start].Output;
            while (at != SessionSpec.MasterName)
            {
                if (at == name)
                {
                    throw new SessionException($"$.buses[{start}].output", $"routing loops back to itself: {string.Join(" -> ", seen)} -> {name}");
                }

                if (seen.Contains(at))
                {
                    break;
                }

                seen.Add(at);
                at = session.Buses[buses[at]].Output;
            }
        }
    }

    private static void CheckRegions(TrackSpec track, string path)
    {
        var ordered = track.Regions.Select((r, i) => (r, i)).OrderBy(p => p.r.StartSeconds).ToArray();
        for (var k = 1; k < ordered.Length; k++)
        {
            var (previous, pi) = ordered[k - 1];
            var (region, ri) = ordered[k];
            if (previous.LengthSeconds is not { } length || previous.StartSeconds + length > region.StartSeconds)
            {
                throw new SessionException($"{path}.regions[{ri}].start_s", string.Create(CultureInfo.InvariantCulture,
                    $"{region.StartSeconds} s overlaps regions[{pi}] (from {previous.StartSeconds} s{(previous.LengthSeconds is { } l ? $" for {l} s" : " to the end of the source")}): regions of a track may not overlap"));
            }
        }
    }

    private static IReadOnlyList<string> TrackParameters(TrackSpec track) =>
        ["gain_db", "pan", "trim_db", .. track.Sends.Select((_, i) => $"sends[{i}].level_db")];

    private static void CheckLanes(IReadOnlyList<AutomationLane> lanes, IReadOnlyList<string> own, IReadOnlyList<InsertSpec> inserts, string path, int sampleRate)
    {
        var moved = new HashSet<string>(StringComparer.Ordinal);
        for (var l = 0; l < lanes.Count; l++)
        {
            var lane = lanes[l];
            var field = $"{path}.automation[{l}].parameter";
            if (!moved.Add(lane.Parameter))
            {
                throw new SessionException(field, $"'{lane.Parameter}' already has a lane");
            }

            var (low, high) = (lane.Points.Min(p => p.Value), lane.Points.Max(p => p.Value));
            var valuesField = $"{path}.automation[{l}].points";
            if (own.Contains(lane.Parameter, StringComparer.Ordinal))
            {
                var (min, max) = lane.Parameter switch
                {
                    "pan" => (-1.0, 1.0),
                    "trim_db" => (-60.0, 24.0),
                    _ => (-144.0, 24.0),
                };
                if (low < min || high > max)
                {
                    throw new SessionException(valuesField, string.Create(CultureInfo.InvariantCulture, $"{lane.Parameter} values from {low} to {high} leave the accepted range {min} to {max}"));
                }

                continue;
            }

            var match = InsertParameter().Match(lane.Parameter);
            var accepted = string.Join(", ", own.Concat(inserts.SelectMany((x, i) => x.Parameters.Select(p => $"inserts[{i}].{p}"))));
            if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var index && index >= inserts.Count
                || !inserts[index].Parameters.Contains(match.Groups[2].Value, StringComparer.Ordinal))
            {
                throw new SessionException(field, $"'{lane.Parameter}' is not a setting here: accepted {accepted}");
            }

            // The lane's extremes must be settings the insert accepts (each one checked as the insert would be).
            var insert = inserts[index];
            foreach (var value in new[] { low, high })
            {
                try
                {
                    var changed = insert.Changed(match.Groups[2].Value, value);
                    var processor = changed.CreateProcessor();
                    processor.Prepare(new Dsp.AudioSpec(sampleRate, 2, 64));
                }
                catch (ArgumentException e)
                {
                    throw new SessionException(valuesField, string.Create(CultureInfo.InvariantCulture, $"{lane.Parameter} at {value} is not accepted: {e.Message.Split(" (Parameter")[0]}"));
                }
            }
        }
    }

    [GeneratedRegex(@"^inserts\[(\d{1,3})\]\.(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex InsertParameter();
}
