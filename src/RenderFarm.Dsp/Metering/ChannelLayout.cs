namespace RenderFarm.Dsp.Metering;

/// <summary>
/// The roles of a stream's channels, from a WAVE channel mask or the usual default for a channel count,
/// and the BS.1770 weights that follow from them.
/// </summary>
public sealed record ChannelLayout(IReadOnlyList<ChannelRole> Roles)
{
    // WAVE_FORMAT_EXTENSIBLE speaker bits in the order channels appear in the file.
    private static readonly (uint Bit, ChannelRole Role)[] MaskBits =
    [
        (0x1, ChannelRole.Left), (0x2, ChannelRole.Right), (0x4, ChannelRole.Center), (0x8, ChannelRole.LowFrequency),
        (0x10, ChannelRole.BackLeft), (0x20, ChannelRole.BackRight), (0x40, ChannelRole.FrontLeftOfCenter),
        (0x80, ChannelRole.FrontRightOfCenter), (0x100, ChannelRole.BackCenter), (0x200, ChannelRole.SideLeft),
        (0x400, ChannelRole.SideRight),
    ];

    public int Channels => Roles.Count;

    /// <summary>The layout players assume for a channel count when a file says nothing (mono, stereo, 3.0, quad, 5.0, 5.1, 6.1, 7.1).</summary>
    public static ChannelLayout Default(int channels) => channels switch
    {
        1 => new([ChannelRole.Center]),
        2 => new([ChannelRole.Left, ChannelRole.Right]),
        3 => new([ChannelRole.Left, ChannelRole.Right, ChannelRole.Center]),
        4 => new([ChannelRole.Left, ChannelRole.Right, ChannelRole.BackLeft, ChannelRole.BackRight]),
        5 => new([ChannelRole.Left, ChannelRole.Right, ChannelRole.Center, ChannelRole.BackLeft, ChannelRole.BackRight]),
        6 => new([ChannelRole.Left, ChannelRole.Right, ChannelRole.Center, ChannelRole.LowFrequency, ChannelRole.BackLeft, ChannelRole.BackRight]),
        7 => new([ChannelRole.Left, ChannelRole.Right, ChannelRole.Center, ChannelRole.LowFrequency, ChannelRole.BackCenter, ChannelRole.SideLeft, ChannelRole.SideRight]),
        8 => new([ChannelRole.Left, ChannelRole.Right, ChannelRole.Center, ChannelRole.LowFrequency, ChannelRole.BackLeft, ChannelRole.BackRight, ChannelRole.SideLeft, ChannelRole.SideRight]),
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, $"channel count {channels} is out of range: accepted 1 to {AudioSpec.MaxChannels}"),
    };

    /// <summary>The layout a WAVE channel mask describes; a mask of 0 or one that names too few channels falls back to the default.</summary>
    public static ChannelLayout FromWaveMask(uint mask, int channels)
    {
        var roles = new List<ChannelRole>(channels);
        foreach (var (bit, role) in MaskBits)
        {
            if ((mask & bit) != 0 && roles.Count < channels)
            {
                roles.Add(role);
            }
        }

        if (mask == 0 || roles.Count == 0)
        {
            return Default(channels);
        }

        while (roles.Count < channels)
        {
            roles.Add(ChannelRole.TopOrOther);
        }

        return new ChannelLayout(roles);
    }

    /// <summary>
    /// BS.1770-4 channel weights: 1.0 for front channels, 1.41 (+1.5 dB) for surround channels beside or
    /// behind the listener, 0 for the LFE channel. As in common broadcast meters (and ffmpeg's ebur128),
    /// every side and back channel of 5.1, 6.1 and 7.1 counts as a surround.
    /// </summary>
    public double[] Weights()
    {
        var weights = new double[Roles.Count];
        for (var c = 0; c < weights.Length; c++)
        {
            weights[c] = Roles[c] switch
            {
                ChannelRole.LowFrequency => 0.0,
                ChannelRole.BackLeft or ChannelRole.BackRight or ChannelRole.BackCenter
                    or ChannelRole.SideLeft or ChannelRole.SideRight => 1.41,
                _ => 1.0,
            };
        }

        return weights;
    }
}
