using System.Globalization;
using RenderFarm.Audio.Documents;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Effects;
using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Inserts;

namespace RenderFarm.Mixing.Sessions;

/// <summary>
/// Reads a session document (docs/session.md). Every error names the field by its JSON path and says
/// what is accepted; unknown fields and insert types are refused, and the session is checked as a whole
/// (names, routing without cycles, regions, automation parameters and values) before anything renders.
/// </summary>
public static class SessionLoader
{
    public const long MaxBytes = 16 << 20;

    private static readonly string[] PanLaws = ["constant_power", "compromise", "linear", "balance"];
    private static readonly string[] InsertTypes = ["eq", "compressor", "gate", "de_esser", "saturation", "reverb", "delay", "chorus"];
    private static readonly string[] Interpolations = ["linear", "step", "smooth"];

    /// <summary>Loads a session file; sources are relative to its folder. Errors name the file and the field.</summary>
    public static SessionSpec Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new SessionException(path, "the session file does not exist");
        }

        if (info.Length > MaxBytes)
        {
            throw new SessionException(path, $"the session file is {info.Length} bytes: accepted at most {MaxBytes}");
        }

        try
        {
            return Parse(File.ReadAllText(path), info.DirectoryName ?? ".");
        }
        catch (SessionException e)
        {
            throw new SessionException($"{path}: {e.Field}", e.Message[(e.Field.Length + 2)..]);
        }
    }

    public static SessionSpec Parse(string json, string baseDirectory)
    {
        using var document = JsonObjectReader.ParseDocument(json, SessionException.Make, maxDepth: 32);
        var root = new JsonObjectReader(document.RootElement, "$", SessionException.Make);
        var version = root.Integer("version", 1, 1000) ?? SessionSpec.CurrentVersion;
        if (version != SessionSpec.CurrentVersion)
        {
            throw new SessionException("$.version", $"{version} is not supported: accepted {SessionSpec.CurrentVersion}");
        }

        var tempo = root.Number("tempo_bpm", 20, 400, "bpm") ?? 120.0;
        var session = new SessionSpec
        {
            Version = version,
            SampleRate = root.Integer("sample_rate", 8_000, 384_000, "Hz") ?? 48_000,
            LengthSeconds = root.Number("length_s", 0.001, 86_400, "s"),
            TempoBpm = tempo,
            PanLaw = root.Choice("pan_law", PanLaws) switch
            {
                "compromise" => PanLaw.Compromise,
                "linear" => PanLaw.Linear,
                "balance" => PanLaw.Balance,
                _ => PanLaw.ConstantPower,
            },
            Tracks = root.Objects("tracks", SessionSpec.MaxTracks)?.Select(t => ReadTrack(t, tempo)).ToArray() ?? throw new SessionException("$.tracks", "is required: at least one track"),
            Buses = root.Objects("buses", SessionSpec.MaxBuses)?.Select(b => ReadBus(b, tempo)).ToArray() ?? [],
            Master = root.Object("master") is { } master ? ReadMaster(master, tempo) : new MasterSpec(),
            BaseDirectory = baseDirectory,
        };
        root.NoOtherFields();
        SessionChecks.Check(session);
        return session;
    }

    private static TrackSpec ReadTrack(JsonObjectReader o, double tempo)
    {
        var polarity = o.Choice("polarity", "normal", "inverted");
        var track = new TrackSpec
        {
            Name = o.Text("name", 100) ?? throw o.Error(o.Field("name"), "is required"),
            Source = o.Text("source", 1000) ?? throw o.Error(o.Field("source"), "is required: the audio file, relative to the session file"),
            Regions = o.Objects("regions", 10_000)?.Select(ReadRegion).ToArray() ?? [],
            TrimDb = o.Number("trim_db", -60, 24, "dB") ?? 0,
            InvertPolarity = polarity == "inverted",
            Inserts = ReadInserts(o, tempo),
            GainDb = o.Number("gain_db", -144, 24, "dB") ?? 0,
            Pan = o.Number("pan", -1, 1) ?? 0,
            Mute = o.Flag("mute") ?? false,
            Solo = o.Flag("solo") ?? false,
            Sends = o.Objects("sends", SessionSpec.MaxBuses)?.Select(ReadSend).ToArray() ?? [],
            Output = o.Text("output", 100) ?? SessionSpec.MasterName,
            Automation = ReadAutomation(o),
            Mutes = o.Objects("mutes", 10_000)?.Select(ReadRange).ToArray() ?? [],
        };
        o.NoOtherFields();
        return track;
    }

    private static BusSpec ReadBus(JsonObjectReader o, double tempo)
    {
        var bus = new BusSpec
        {
            Name = o.Text("name", 100) ?? throw o.Error(o.Field("name"), "is required"),
            Inserts = ReadInserts(o, tempo),
            GainDb = o.Number("gain_db", -144, 24, "dB") ?? 0,
            Pan = o.Number("pan", -1, 1) ?? 0,
            Mute = o.Flag("mute") ?? false,
            Output = o.Text("output", 100) ?? SessionSpec.MasterName,
            Automation = ReadAutomation(o),
        };
        o.NoOtherFields();
        return bus;
    }

    private static MasterSpec ReadMaster(JsonObjectReader o, double tempo)
    {
        var master = new MasterSpec
        {
            Inserts = ReadInserts(o, tempo),
            GainDb = o.Number("gain_db", -144, 24, "dB") ?? 0,
            Automation = ReadAutomation(o),
        };
        o.NoOtherFields();
        return master;
    }

    private static RegionSpec ReadRegion(JsonObjectReader o)
    {
        var region = new RegionSpec
        {
            StartSeconds = o.Number("start_s", 0, 86_400, "s") ?? 0,
            SourceInSeconds = o.Number("source_in_s", 0, 86_400, "s") ?? 0,
            LengthSeconds = o.Number("length_s", 0.001, 86_400, "s"),
            FadeInSeconds = o.Number("fade_in_s", 0, 600, "s") ?? 0,
            FadeOutSeconds = o.Number("fade_out_s", 0, 600, "s") ?? 0,
            GainDb = o.Number("gain_db", -144, 24, "dB") ?? 0,
        };
        if (region.LengthSeconds is { } length && region.FadeInSeconds + region.FadeOutSeconds > length)
        {
            throw o.Error(o.Field("fade_out_s"), string.Create(CultureInfo.InvariantCulture, $"the fades ({region.FadeInSeconds} + {region.FadeOutSeconds} s) are longer than the region ({length} s)"));
        }

        o.NoOtherFields();
        return region;
    }

    private static SendSpec ReadSend(JsonObjectReader o)
    {
        var send = new SendSpec
        {
            Bus = o.Text("bus", 100) ?? throw o.Error(o.Field("bus"), "is required: the bus the send feeds"),
            LevelDb = o.Number("level_db", -144, 24, "dB") ?? 0,
            PreFader = o.Flag("pre_fader") ?? false,
        };
        o.NoOtherFields();
        return send;
    }

    private static TimeRange ReadRange(JsonObjectReader o)
    {
        var start = o.Number("start_s", 0, 86_400, "s") ?? throw o.Error(o.Field("start_s"), "is required");
        var end = o.Number("end_s", 0, 86_400, "s") ?? throw o.Error(o.Field("end_s"), "is required");
        if (end <= start)
        {
            throw o.Error(o.Field("end_s"), string.Create(CultureInfo.InvariantCulture, $"{end} s is not after start_s ({start} s)"));
        }

        o.NoOtherFields();
        return new TimeRange(start, end);
    }

    private static AutomationLane[] ReadAutomation(JsonObjectReader owner) =>
        owner.Objects("automation", 1000)?.Select(o =>
        {
            var parameter = o.Text("parameter", 200) ?? throw o.Error(o.Field("parameter"), "is required: the setting the lane moves (gain_db, pan, sends[0].level_db, inserts[1].threshold_db...)");
            var interpolation = o.Choice("interpolation", Interpolations) switch
            {
                "step" => Interpolation.Step,
                "smooth" => Interpolation.Smooth,
                _ => Interpolation.Linear,
            };
            var points = o.Objects("points", 100_000)?.Select(p =>
            {
                var point = new AutomationPoint(
                    p.Number("time_s", 0, 86_400, "s") ?? throw p.Error(p.Field("time_s"), "is required"),
                    p.Number("value", -1e6, 1e6) ?? throw p.Error(p.Field("value"), "is required"));
                p.NoOtherFields();
                return point;
            }).ToArray() ?? throw o.Error(o.Field("points"), "is required: at least one breakpoint");
            if (points.Length == 0)
            {
                throw o.Error(o.Field("points"), "is empty: at least one breakpoint");
            }

            for (var i = 1; i < points.Length; i++)
            {
                if (points[i].TimeSeconds < points[i - 1].TimeSeconds)
                {
                    throw o.Error($"{o.Field("points")}[{i}].time_s", string.Create(CultureInfo.InvariantCulture, $"{points[i].TimeSeconds} s comes before the breakpoint above it ({points[i - 1].TimeSeconds} s): breakpoints go in time order"));
                }
            }

            o.NoOtherFields();
            return new AutomationLane { Parameter = parameter, Points = points, Interpolation = interpolation };
        }).ToArray() ?? [];

    private static InsertSpec[] ReadInserts(JsonObjectReader owner, double tempo) =>
        owner.Objects("inserts", 32)?.Select(o => ReadInsert(o, tempo)).ToArray() ?? [];

    private static InsertSpec ReadInsert(JsonObjectReader o, double tempo)
    {
        var type = o.Choice("type", InsertTypes) ?? throw o.Error(o.Field("type"), "is required: accepted " + string.Join(", ", InsertTypes));
        InsertSpec insert = type switch
        {
            "eq" => new EqInsert(o.Objects("bands", Dsp.Filters.ParametricEq.MaxBands)?.Select(EqBandReader.Read).ToArray() ?? throw o.Error(o.Field("bands"), "is required: the equaliser's bands")),
            "compressor" => Settings(o, new CompressorInsert(new CompressorSettings()), (CompressorSettings s, string p) => s.Validate(p)),
            "gate" => Settings(o, new GateInsert(new GateSettings()), (GateSettings s, string p) => s.Validate(p)),
            "de_esser" => Settings(o, new DeEsserInsert(new DeEsserSettings()), (DeEsserSettings s, string p) => s.Validate(p)),
            "saturation" => Settings(o, new SaturationInsert(new SaturationSettings()), (SaturationSettings s, string p) => s.Validate(p)),
            "reverb" => Settings(o, new ReverbInsert(new ReverbSettings()), (ReverbSettings s, string p) => s.Validate(p)),
            "chorus" => Settings(o, new ChorusInsert(new ChorusSettings()), (ChorusSettings s, string p) => s.Validate(p)),
            _ => Settings(o, new DelayInsert(new DelaySettings { TempoBpm = tempo, Note = o.Text("note", 10), PingPong = o.Flag("ping_pong") ?? false }), (DelaySettings s, string p) => s.Validate(p)),
        };
        o.NoOtherFields();
        return insert;
    }

    // Reads every numeric field the insert has, then lets its settings check themselves under this path.
    private static TInsert Settings<TInsert, TSettings>(JsonObjectReader o, TInsert insert, Action<TSettings, string> validate)
        where TInsert : SettingsInsert<TSettings>
    {
        var settings = insert.Settings;
        foreach (var field in insert.Fields)
        {
            if (o.Number(field.Name, double.MinValue, double.MaxValue) is { } value)
            {
                settings = field.Set(settings, value);
            }
        }

        Checked(() => validate(settings, o.Path));
        return (TInsert)(insert with { Settings = settings });
    }

    /// <summary>Runs a settings check and turns its range error into a session error naming the field.</summary>
    internal static void Checked(Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentOutOfRangeException e)
        {
            var field = e.ParamName ?? "$";
            var message = e.Message.Split(" (Parameter")[0];
            throw new SessionException(field, message.StartsWith(field, StringComparison.Ordinal) ? message[field.Length..].TrimStart(' ', ':') : message);
        }
    }
}
