namespace RenderFarm.Audio;

/// <summary>Sizes and kinds of <see cref="SampleFormat"/> values.</summary>
public static class SampleFormatExtensions
{
    public static int BytesPerSample(this SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => 1,
        SampleFormat.Pcm16 => 2,
        SampleFormat.Pcm24 => 3,
        SampleFormat.Pcm32 or SampleFormat.Float32 => 4,
        SampleFormat.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static int BitsPerSample(this SampleFormat format) => format.BytesPerSample() * 8;

    public static bool IsFloat(this SampleFormat format) => format is SampleFormat.Float32 or SampleFormat.Float64;

    /// <summary>The format for a bit depth and kind, or null when there is none.</summary>
    public static SampleFormat? FromBits(int bits, bool isFloat) => (bits, isFloat) switch
    {
        (8, false) => SampleFormat.Pcm8,
        (16, false) => SampleFormat.Pcm16,
        (24, false) => SampleFormat.Pcm24,
        (32, false) => SampleFormat.Pcm32,
        (32, true) => SampleFormat.Float32,
        (64, true) => SampleFormat.Float64,
        _ => null,
    };

    /// <summary>The name used on the command line and in reports: s16, s24, s32, f32, f64.</summary>
    public static string ShortName(this SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => "u8",
        SampleFormat.Pcm16 => "s16",
        SampleFormat.Pcm24 => "s24",
        SampleFormat.Pcm32 => "s32",
        SampleFormat.Float32 => "f32",
        SampleFormat.Float64 => "f64",
        _ => format.ToString(),
    };
}
