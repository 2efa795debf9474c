namespace RenderFarm.Dsp.Metering;

/// <summary>Raised when audio holds NaN or infinite samples, which would poison every measurement after them.</summary>
public sealed class NonFiniteSampleException : ArgumentException
{
    public NonFiniteSampleException(int channel, long frame, float value)
        : base($"sample {(float.IsNaN(value) ? "NaN" : value.ToString(System.Globalization.CultureInfo.InvariantCulture))} at frame {frame} on channel {channel + 1}: audio must hold finite numbers")
    {
        Channel = channel;
        Frame = frame;
    }

    public NonFiniteSampleException()
    {
    }

    public NonFiniteSampleException(string message)
        : base(message)
    {
    }

    public NonFiniteSampleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Zero-based channel of the first bad sample.</summary>
    public int Channel { get; }

    /// <summary>Frame index, from the start of the stream, of the first bad sample.</summary>
    public long Frame { get; }
}
