using System.Text.Json;
using RenderFarm.Audio.Documents;
using RenderFarm.Dsp.Dither;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Filters;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Qc;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Mastering.Profiles;

/// <summary>
/// Reads a mastering profile from JSON (the format is documented in docs/mastering-profile.md). Every
/// error names the field by its JSON path and says what would be accepted; unknown fields are refused.
/// </summary>
public static class ProfileLoader
{
    public const long MaxBytes = 1 << 20;

    /// <summary>Loads a profile file; errors name the file and the field.</summary>
    public static MasteringProfile Load(string path) => LoadDocument(path, "profile", Parse);

    /// <summary>Reads a JSON document of at most <see cref="MaxBytes"/> with <paramref name="parse"/>; errors name the file and the field.</summary>
    internal static T LoadDocument<T>(string path, string what, Func<string, T> parse)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ProfileException(path, $"the {what} file does not exist");
        }

        if (info.Length > MaxBytes)
        {
            throw new ProfileException(path, $"the {what} file is {info.Length} bytes: accepted at most {MaxBytes}");
        }

        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (ProfileException e)
        {
            throw new ProfileException($"{path}: {e.Field}", e.Message[(e.Field.Length + 2)..]);
        }
    }

    public static MasteringProfile Parse(string json)
    {
        var document = JsonObjectReader.ParseDocument(json, ProfileException.Make);
        using (document)
        {
            var root = new JsonObjectReader(document.RootElement, "$", ProfileException.Make);
            var version = root.Integer("version", 1, 1000) ?? MasteringProfile.CurrentVersion;
            if (version != MasteringProfile.CurrentVersion)
            {
                throw new ProfileException("$.version", $"{version} is not supported: accepted {MasteringProfile.CurrentVersion}");
            }

            var target = ReadTarget(root);
            var profile = new MasteringProfile
            {
                Version = version,
                Target = target,
                Chain = root.Object("chain") is { } chain ? ReadChain(chain) : new ChainSettings(),
                Floor = root.Object("dynamics_floor") is { } floor ? ReadFloor(floor) : new DynamicsFloor(),
                Deliverables = root.Objects("deliverables", 20) is { } list ? list.Select(ReadDeliverable).ToArray() : DeliverableSpec.Release,
                NoiseShaping = root.Object("dither") is { } dither ? ReadDither(dither) : NoiseShaping.None,
                Qc = root.Object("qc") is { } qc ? ReadQc(qc) : new QcSettings(),
                Metadata = root.Object("metadata") is { } metadata ? ReadMetadata(metadata) : null,
                Restore = root.Object("restore") is { } restore ? RestoreSection.Read(restore) : null,
            };
            root.NoOtherFields();
            return profile;
        }
    }

    /// <summary>Reads the metadata object of a profile or a job: title, artist, album, album_artist, track_number, track_total, year, isrc, upc.</summary>
    internal static TrackMetadata ReadMetadata(JsonObjectReader o)
    {
        var metadata = new TrackMetadata
        {
            Title = o.Text("title"),
            Artist = o.Text("artist"),
            Album = o.Text("album"),
            AlbumArtist = o.Text("album_artist"),
            TrackNumber = o.Integer("track_number", 1, 999),
            TrackTotal = o.Integer("track_total", 1, 999),
            Year = o.Integer("year", 1860, 2200),
            Isrc = o.Text("isrc", 20),
            Upc = o.Text("upc", 20),
        };
        o.NoOtherFields();
        return metadata.Validated(o.Path);
    }

    private static DeliveryTarget ReadTarget(JsonObjectReader root)
    {
        var raw = root.Raw("target") ?? throw new ProfileException("$.target", "is required: a target name (" + string.Join(", ", DeliveryTargets.All.Select(t => t.Name)) + ") or a custom target object");
        if (raw.ValueKind == JsonValueKind.String)
        {
            return DeliveryTargets.Find(raw.GetString()!, "$.target");
        }

        var o = new JsonObjectReader(raw, "$.target", ProfileException.Make);
        var name = o.Text("name", 60) ?? throw new ProfileException("$.target.name", "is required for a custom target");
        var baseTarget = o.Text("based_on", 60) is { } based ? DeliveryTargets.Find(based, "$.target.based_on") : null;
        var target = new DeliveryTarget
        {
            Name = name,
            Description = o.Text("description") ?? $"custom target {name}",
            IntegratedLufs = o.Has("integrated_lufs") ? o.Number("integrated_lufs", -40, -5, "LUFS") : baseTarget?.IntegratedLufs,
            ToleranceLu = o.Number("tolerance_lu", 0.05, 5, "LU") ?? baseTarget?.ToleranceLu ?? 0.5,
            CeilingDbtp = o.Number("ceiling_dbtp", -12, 0, "dBTP") ?? baseTarget?.CeilingDbtp
                ?? throw new ProfileException("$.target.ceiling_dbtp", "is required for a custom target (or give based_on)"),
            Normalization = baseTarget?.Normalization,
        };
        o.NoOtherFields();
        target.Validate();
        return target;
    }

    private static ChainSettings ReadChain(JsonObjectReader o)
    {
        var defaults = new ChainSettings();
        var (limiter, ceiling) = o.Object("limiter") is { } l ? ReadLimiter(l) : (defaults.Limiter, null);
        var chain = new ChainSettings
        {
            InputGainDb = o.Number("input_gain_db", -24, 24, "dB") ?? 0,
            Eq = o.Objects("eq", ParametricEq.MaxBands) is { } bands ? bands.Select(EqBandReader.Read).ToArray() : defaults.Eq,
            Multiband = o.IsNull("multiband") ? null : o.Object("multiband") is { } m ? ReadMultiband(m) : defaults.Multiband,
            Stereo = o.Object("stereo") is { } stereo ? ReadStereo(stereo) : null,
            Limiter = limiter,
            CeilingOverrideDbtp = ceiling,
        };
        o.NoOtherFields();
        return chain;
    }

    private static MultibandSettings ReadMultiband(JsonObjectReader o)
    {
        var settings = new MultibandSettings
        {
            CrossoversHz = o.Numbers("crossovers_hz", 3, 20, 20_000, "Hz") ?? throw new ProfileException(o.Field("crossovers_hz"), "is required: 2 or 3 frequencies"),
            Bands = o.Objects("bands", 4)?.Select(ReadCompressor).ToArray() ?? throw new ProfileException(o.Field("bands"), "is required: one compressor per band"),
        };
        o.NoOtherFields();
        return settings;
    }

    private static CompressorSettings ReadCompressor(JsonObjectReader o)
    {
        var d = new CompressorSettings();
        var c = new CompressorSettings
        {
            ThresholdDb = o.Number("threshold_db", -80, 0, "dB") ?? d.ThresholdDb,
            Ratio = o.Number("ratio", 1, 100) ?? d.Ratio,
            KneeDb = o.Number("knee_db", 0, 24, "dB") ?? d.KneeDb,
            AttackMs = o.Number("attack_ms", 0.05, 500, "ms") ?? d.AttackMs,
            ReleaseMs = o.Number("release_ms", 1, 5000, "ms") ?? d.ReleaseMs,
            MakeupDb = o.Number("makeup_db", -24, 24, "dB") ?? d.MakeupDb,
        };
        o.NoOtherFields();
        return c;
    }

    private static StereoWidthSettings ReadStereo(JsonObjectReader o)
    {
        var s = new StereoWidthSettings
        {
            Width = o.Number("width", 0, 2) ?? 1.0,
            MonoBelowHz = o.Number("mono_below_hz", 20, 500, "Hz"),
        };
        o.NoOtherFields();
        return s;
    }

    private static (LimiterSettings Settings, double? Ceiling) ReadLimiter(JsonObjectReader o)
    {
        var d = new LimiterSettings();
        var ceiling = o.Number("ceiling_dbtp", -12, 0, "dBTP");
        var s = new LimiterSettings
        {
            LookaheadMs = o.Number("lookahead_ms", 0.5, 20, "ms") ?? d.LookaheadMs,
            ReleaseMs = o.Number("release_ms", 1, 2000, "ms") ?? d.ReleaseMs,
            SafetyMarginDb = o.Number("safety_margin_db", 0, 1, "dB") ?? d.SafetyMarginDb,
        };
        o.NoOtherFields();
        return (s, ceiling);
    }

    private static DynamicsFloor ReadFloor(JsonObjectReader o)
    {
        var floor = new DynamicsFloor { MinPlrDb = o.Number("min_plr_db", 3, 30, "dB"), MinLraLu = o.Number("min_lra_lu", 0, 30, "LU") };
        o.NoOtherFields();
        return floor;
    }

    private static DeliverableSpec ReadDeliverable(JsonObjectReader o)
    {
        var format = o.Choice("format", "wav", "cd", "flac", "mp3", "aac", "opus") ?? throw new ProfileException(o.Field("format"), "is required: accepted wav, cd, flac, mp3, aac, opus");
        var spec = new DeliverableSpec
        {
            Format = Enum.Parse<DeliverableFormat>(format, ignoreCase: true),
            SampleRate = o.Integer("sample_rate", 8_000, 384_000, "Hz"),
            BitDepth = o.Integer("bit_depth", 8, 32, "bits"),
            BitrateKbps = o.Integer("bitrate_kbps", 8, 1000, "kbit/s"),
        };
        o.NoOtherFields();
        spec.Validate(o.Path);
        return spec;
    }

    private static NoiseShaping ReadDither(JsonObjectReader o)
    {
        var shaping = o.Choice("noise_shaping", "none", "f_weighted") ?? "none";
        o.NoOtherFields();
        return shaping == "f_weighted" ? NoiseShaping.FWeighted : NoiseShaping.None;
    }

    private static QcSettings ReadQc(JsonObjectReader o)
    {
        var d = new QcSettings();
        var qc = new QcSettings
        {
            ClippingRun = o.Integer("clipping_run", 1, 1000, "samples") ?? d.ClippingRun,
            ClickThreshold = o.Number("click_threshold", 4, 100) ?? d.ClickThreshold,
            DcOffsetDbfs = o.Number("dc_offset_dbfs", -120, -20, "dBFS") ?? d.DcOffsetDbfs,
            NegativeCorrelation = o.Number("negative_correlation", -1, 0) ?? d.NegativeCorrelation,
            SilenceDbfs = o.Number("silence_dbfs", -120, -30, "dBFS") ?? d.SilenceDbfs,
            HeadSilenceSeconds = o.Number("head_silence_s", 0, 60, "s") ?? d.HeadSilenceSeconds,
            TailSilenceSeconds = o.Number("tail_silence_s", 0, 600, "s") ?? d.TailSilenceSeconds,
            DropoutMs = o.Number("dropout_ms", 1, 10_000, "ms") ?? d.DropoutMs,
        };
        o.NoOtherFields();
        return qc;
    }
}
