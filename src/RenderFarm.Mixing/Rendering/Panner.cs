using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// The pan laws. A mono source at pan p (-1 left, 1 right), with t = (p + 1) pi / 4: constant power
/// gives (cos t, sin t), -3 dB each side at the centre; linear ((1 - p) / 2, (1 + p) / 2), -6 dB;
/// compromise the square root of their product, -4.5 dB; balance (min(1, 1 - p), min(1, 1 + p)),
/// 0 dB. A stereo source is balanced: the favoured side stays at unity and the other follows the law,
/// scaled so that the centre is unity on both.
/// </summary>
public static class Panner
{
    public static (double Left, double Right) Mono(PanLaw law, double pan)
    {
        var t = (pan + 1.0) * Math.PI / 4.0;
        return law switch
        {
            PanLaw.Linear => ((1.0 - pan) / 2.0, (1.0 + pan) / 2.0),
            PanLaw.Compromise => (Math.Sqrt((1.0 - pan) / 2.0 * Math.Cos(t)), Math.Sqrt((1.0 + pan) / 2.0 * Math.Sin(t))),
            PanLaw.Balance => (Math.Min(1.0, 1.0 - pan), Math.Min(1.0, 1.0 + pan)),
            _ => (Math.Cos(t), Math.Sin(t)),
        };
    }

    public static (double Left, double Right) Stereo(PanLaw law, double pan)
    {
        var centre = Mono(law, 0.0);
        var at = Mono(law, pan);
        return (pan <= 0 ? 1.0 : at.Left / centre.Left, pan >= 0 ? 1.0 : at.Right / centre.Right);
    }
}
