using System.Runtime.InteropServices;

namespace RenderFarm.Testing;

/// <summary>P/Invoke into Debian's libebur128.so.1, the de-facto reference loudness meter.</summary>
public static class LibEbur128
{
    private const string Library = "libebur128.so.1";

    public const int ModeM = 1;
    public const int ModeS = (1 << 1) | ModeM;
    public const int ModeI = (1 << 2) | ModeM;
    public const int ModeLra = (1 << 3) | ModeS;
    public const int ModeSamplePeak = (1 << 4) | ModeM;
    public const int ModeTruePeak = (1 << 5) | ModeM | ModeSamplePeak;
    public const int ModeAll = ModeI | ModeLra | ModeTruePeak;

    public const int ChannelUnused = 0;
    public const int ChannelLeft = 1;
    public const int ChannelRight = 2;
    public const int ChannelCenter = 3;
    public const int ChannelLeftSurround = 4;
    public const int ChannelRightSurround = 5;

    /// <summary>True when the library can be loaded on this machine.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Library, out _);

    [DllImport(Library, EntryPoint = "ebur128_init")]
    internal static extern IntPtr Init(uint channels, nuint sampleRate, int mode);

    [DllImport(Library, EntryPoint = "ebur128_destroy")]
    internal static extern void Destroy(ref IntPtr state);

    [DllImport(Library, EntryPoint = "ebur128_set_channel")]
    internal static extern int SetChannel(IntPtr state, uint channel, int value);

    [DllImport(Library, EntryPoint = "ebur128_add_frames_float")]
    internal static extern unsafe int AddFramesFloat(IntPtr state, float* interleaved, nuint frames);

    [DllImport(Library, EntryPoint = "ebur128_loudness_global")]
    internal static extern int LoudnessGlobal(IntPtr state, out double lufs);

    [DllImport(Library, EntryPoint = "ebur128_loudness_global_multiple")]
    internal static extern int LoudnessGlobalMultiple(IntPtr[] states, nuint size, out double lufs);

    [DllImport(Library, EntryPoint = "ebur128_loudness_momentary")]
    internal static extern int LoudnessMomentary(IntPtr state, out double lufs);

    [DllImport(Library, EntryPoint = "ebur128_loudness_shortterm")]
    internal static extern int LoudnessShortTerm(IntPtr state, out double lufs);

    [DllImport(Library, EntryPoint = "ebur128_loudness_range")]
    internal static extern int LoudnessRange(IntPtr state, out double lu);

    [DllImport(Library, EntryPoint = "ebur128_sample_peak")]
    internal static extern int SamplePeak(IntPtr state, uint channel, out double peak);

    [DllImport(Library, EntryPoint = "ebur128_true_peak")]
    internal static extern int TruePeak(IntPtr state, uint channel, out double peak);
}
