namespace RenderFarm.Dsp.Metering;

/// <summary>Where a channel is meant to be played; decides its loudness weight.</summary>
public enum ChannelRole
{
    Left,
    Right,
    Center,
    LowFrequency,
    BackLeft,
    BackRight,
    FrontLeftOfCenter,
    FrontRightOfCenter,
    BackCenter,
    SideLeft,
    SideRight,
    TopOrOther,
}
