namespace RenderFarm.Mixing.Sessions;

/// <summary>How a mono track is placed between the speakers: the level of each side at the centre.</summary>
public enum PanLaw
{
    /// <summary>sin/cos, -3 dB each side at the centre: the total power is constant across the pan.</summary>
    ConstantPower,

    /// <summary>Square root of constant power times linear: -4.5 dB at the centre.</summary>
    Compromise,

    /// <summary>Linear, -6 dB at the centre: the sum in mono is constant across the pan.</summary>
    Linear,

    /// <summary>0 dB at the centre; each side only turns down as the other side is favoured (a balance control).</summary>
    Balance,
}
