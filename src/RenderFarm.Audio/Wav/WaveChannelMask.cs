namespace RenderFarm.Audio.Wav;

/// <summary>WAVE_FORMAT_EXTENSIBLE speaker masks for the usual layouts.</summary>
public static class WaveChannelMask
{
    /// <summary>The mask players assume for a channel count: mono C, stereo, 3.0, quad, 5.0, 5.1, 6.1, 7.1.</summary>
    public static uint Default(int channels) => channels switch
    {
        1 => 0x4,
        2 => 0x3,
        3 => 0x7,
        4 => 0x33,
        5 => 0x37,
        6 => 0x3F,
        7 => 0x70F,
        8 => 0x63F,
        _ => 0,
    };
}
