using System.Buffers.Binary;
using System.Text;

namespace RenderFarm.Audio.Wav;

/// <summary>
/// The Broadcast Wave Format extension chunk (EBU Tech 3285 v2): description, originator, origination
/// date and time, time reference in samples since midnight, UMID, loudness fields and coding history.
/// </summary>
public sealed record BextChunk
{
    /// <summary>Size of the fixed part before the coding history.</summary>
    public const int FixedSize = 602;

    private const short NotSet = 0x7FFF;

    public string Description { get; init; } = string.Empty;

    public string Originator { get; init; } = string.Empty;

    public string OriginatorReference { get; init; } = string.Empty;

    /// <summary>yyyy-mm-dd.</summary>
    public string OriginationDate { get; init; } = string.Empty;

    /// <summary>hh:mm:ss.</summary>
    public string OriginationTime { get; init; } = string.Empty;

    /// <summary>First sample's position, in samples since midnight.</summary>
    public ulong TimeReference { get; init; }

    public ushort Version { get; init; } = 2;

    /// <summary>SMPTE 330M UMID, 64 bytes (zeros when unused).</summary>
    public byte[] Umid { get; init; } = new byte[64];

    /// <summary>Integrated loudness in LUFS, 0.01 resolution.</summary>
    public double? LoudnessValue { get; init; }

    /// <summary>Loudness range in LU.</summary>
    public double? LoudnessRange { get; init; }

    /// <summary>Maximum true peak in dBTP.</summary>
    public double? MaxTruePeakLevel { get; init; }

    public double? MaxMomentaryLoudness { get; init; }

    public double? MaxShortTermLoudness { get; init; }

    /// <summary>One line per process the audio went through (A=PCM,F=48000,W=24,M=stereo,T=...).</summary>
    public string CodingHistory { get; init; } = string.Empty;

    public static BextChunk Parse(ReadOnlySpan<byte> data, string path)
    {
        if (data.Length < FixedSize)
        {
            throw new AudioFileException(path, "bext chunk", $"is {data.Length} bytes; a bext chunk holds at least {FixedSize}");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[346..]);
        return new BextChunk
        {
            Description = Text(data[..256]),
            Originator = Text(data.Slice(256, 32)),
            OriginatorReference = Text(data.Slice(288, 32)),
            OriginationDate = Text(data.Slice(320, 10)),
            OriginationTime = Text(data.Slice(330, 8)),
            TimeReference = BinaryPrimitives.ReadUInt64LittleEndian(data[338..]),
            Version = version,
            Umid = data.Slice(348, 64).ToArray(),
            LoudnessValue = version >= 2 ? Loudness(data[412..]) : null,
            LoudnessRange = version >= 2 ? Loudness(data[414..]) : null,
            MaxTruePeakLevel = version >= 2 ? Loudness(data[416..]) : null,
            MaxMomentaryLoudness = version >= 2 ? Loudness(data[418..]) : null,
            MaxShortTermLoudness = version >= 2 ? Loudness(data[420..]) : null,
            CodingHistory = Text(data[FixedSize..]),
        };
    }

    public byte[] ToBytes()
    {
        var history = Encoding.ASCII.GetBytes(CodingHistory);
        var data = new byte[FixedSize + history.Length + (history.Length % 2)];
        Write(data.AsSpan(0, 256), Description, nameof(Description));
        Write(data.AsSpan(256, 32), Originator, nameof(Originator));
        Write(data.AsSpan(288, 32), OriginatorReference, nameof(OriginatorReference));
        Write(data.AsSpan(320, 10), OriginationDate, nameof(OriginationDate));
        Write(data.AsSpan(330, 8), OriginationTime, nameof(OriginationTime));
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(338), TimeReference);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(346), Version);
        if (Umid.Length != 64)
        {
            throw new ArgumentException($"bext UMID must be 64 bytes, not {Umid.Length}", nameof(Umid));
        }

        Umid.CopyTo(data.AsSpan(348));
        WriteLoudness(data.AsSpan(412), LoudnessValue, nameof(LoudnessValue));
        WriteLoudness(data.AsSpan(414), LoudnessRange, nameof(LoudnessRange));
        WriteLoudness(data.AsSpan(416), MaxTruePeakLevel, nameof(MaxTruePeakLevel));
        WriteLoudness(data.AsSpan(418), MaxMomentaryLoudness, nameof(MaxMomentaryLoudness));
        WriteLoudness(data.AsSpan(420), MaxShortTermLoudness, nameof(MaxShortTermLoudness));
        history.CopyTo(data.AsSpan(FixedSize));
        return data;
    }

    public bool Equals(BextChunk? other) =>
        other is not null && Description == other.Description && Originator == other.Originator
        && OriginatorReference == other.OriginatorReference && OriginationDate == other.OriginationDate
        && OriginationTime == other.OriginationTime && TimeReference == other.TimeReference && Version == other.Version
        && Umid.AsSpan().SequenceEqual(other.Umid) && LoudnessValue == other.LoudnessValue && LoudnessRange == other.LoudnessRange
        && MaxTruePeakLevel == other.MaxTruePeakLevel && MaxMomentaryLoudness == other.MaxMomentaryLoudness
        && MaxShortTermLoudness == other.MaxShortTermLoudness && CodingHistory == other.CodingHistory;

    public override int GetHashCode() => HashCode.Combine(Description, Originator, TimeReference, LoudnessValue, CodingHistory);

    private static string Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }

    private static void Write(Span<byte> field, string value, string name)
    {
        if (Encoding.ASCII.GetByteCount(value) > field.Length || value.Any(ch => ch > 0x7E))
        {
            throw new ArgumentException($"bext {name} must be ASCII of at most {field.Length} characters", name);
        }

        Encoding.ASCII.GetBytes(value, field);
    }

    private static double? Loudness(ReadOnlySpan<byte> field)
    {
        var v = BinaryPrimitives.ReadInt16LittleEndian(field);
        return v == NotSet ? null : v / 100.0;
    }

    private static void WriteLoudness(Span<byte> field, double? value, string name)
    {
        short stored = NotSet;
        if (value is { } v)
        {
            if (!double.IsFinite(v) || v < -327.67 || v > 327.66)
            {
                throw new ArgumentOutOfRangeException(name, v, $"bext {name} {v} is out of range: accepted -327.67 to 327.66");
            }

            stored = (short)Math.Round(v * 100.0);
        }

        BinaryPrimitives.WriteInt16LittleEndian(field, stored);
    }
}
