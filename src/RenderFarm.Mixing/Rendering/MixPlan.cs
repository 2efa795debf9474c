using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// What a session becomes before any audio moves: its sources found and checked (inside the media root,
/// readable, mono or stereo; other rates noted and converted), which tracks sound (mute and solo), the
/// order of the buses, and the render length: the end of the last region plus the longest tail of
/// inserts that the audio passes on its way to the master.
/// </summary>
internal sealed class MixPlan
{
    private MixPlan(SessionSpec session, RenderSource[] sources, bool[] audible, IReadOnlyList<int> busOrder, long frames, IReadOnlyList<string> notes)
    {
        Session = session;
        Sources = sources;
        Audible = audible;
        BusOrder = busOrder;
        Frames = frames;
        Notes = notes;
    }

    public SessionSpec Session { get; }

    public IReadOnlyList<RenderSource> Sources { get; }

    /// <summary>Whether each track sounds: not muted, and soloed when any track is.</summary>
    public IReadOnlyList<bool> Audible { get; }

    public IReadOnlyList<int> BusOrder { get; }

    public long Frames { get; }

    public IReadOnlyList<string> Notes { get; }

    public int BusIndex(string name) => name == SessionSpec.MasterName ? -1 : Session.Buses.Select((b, i) => (b, i)).First(p => p.b.Name == name).i;

    public static MixPlan Create(SessionSpec session, MixOptions options)
    {
        var root = Path.GetFullPath(options.MediaRoot ?? session.BaseDirectory);
        var notes = new List<string>();
        var sources = new RenderSource[session.Tracks.Count];
        for (var t = 0; t < session.Tracks.Count; t++)
        {
            sources[t] = Probe(session, t, root, notes);
        }

        var anySolo = session.Tracks.Any(t => t.Solo);
        var audible = session.Tracks.Select(t => !t.Mute && (!anySolo || t.Solo)).ToArray();
        var rate = session.SampleRate;
        long frames;
        if (session.LengthSeconds is { } length)
        {
            frames = (long)Math.Round(length * rate);
        }
        else
        {
            var end = 0L;
            var tail = 0.0;
            for (var t = 0; t < session.Tracks.Count; t++)
            {
                if (!audible[t])
                {
                    continue;
                }

                var track = session.Tracks[t];
                end = Math.Max(end, new SourcePlayer(sources[t], track.Regions, rate, $"$.tracks[{t}].source").EndFrame);
                var own = track.Inserts.Sum(i => i.TailSeconds);
                tail = Math.Max(tail, own + PathTail(session, track.Output));
                foreach (var send in track.Sends)
                {
                    tail = Math.Max(tail, own + PathTail(session, send.Bus));
                }
            }

            frames = end + (long)Math.Ceiling(tail * rate);
        }

        return new MixPlan(session, sources, audible, SessionChecks.BusOrder(session), Math.Max(1, frames), notes);
    }

    // The tails of the inserts from a bus to the master.
    private static double PathTail(SessionSpec session, string bus)
    {
        var tail = session.Master.Inserts.Sum(i => i.TailSeconds);
        var seen = 0;
        while (bus != SessionSpec.MasterName && seen++ <= session.Buses.Count)
        {
            var spec = session.Buses.First(b => b.Name == bus);
            tail += spec.Inserts.Sum(i => i.TailSeconds);
            bus = spec.Output;
        }

        return tail;
    }

    private static RenderSource Probe(SessionSpec session, int t, string root, List<string> notes)
    {
        var track = session.Tracks[t];
        var field = $"$.tracks[{t}].source";
        var path = Path.GetFullPath(Path.Combine(session.BaseDirectory, track.Source));
        var inside = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(inside, StringComparison.Ordinal))
        {
            throw new SessionException(field, $"'{track.Source}' is outside the media root {root}: sources must lie inside it");
        }

        if (!File.Exists(path))
        {
            throw new SessionException(field, $"'{track.Source}' does not exist ({path})");
        }

        AudioStreamInfo info;
        try
        {
            using var reader = AudioFile.OpenRead(path);
            info = reader.Info;
        }
        catch (AudioFileException e)
        {
            throw new SessionException(field, $"'{track.Source}' cannot be read: {e.Message}");
        }

        if (info.Channels > 2)
        {
            throw new SessionException(field, $"'{track.Source}' has {info.Channels} channels: a track takes a mono or stereo source");
        }

        var frames = info.Frames ?? (long)Math.Round((info.DurationSeconds ?? 0) * info.SampleRate);
        if (info.SampleRate != session.SampleRate)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"tracks[{t}] '{track.Name}': {track.Source} is at {info.SampleRate} Hz; resampled to the session's {session.SampleRate} Hz"));
            frames = (long)Math.Ceiling((double)frames * session.SampleRate / info.SampleRate);
        }

        return new RenderSource(path, info.SampleRate, info.Channels, frames);
    }
}
