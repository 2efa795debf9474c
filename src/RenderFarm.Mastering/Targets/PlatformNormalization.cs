namespace RenderFarm.Mastering.Targets;

/// <summary>
/// How a streaming service plays a track back: it turns louder tracks down to its reference; some also
/// turn quieter tracks up, but only as far as the peaks allow (or through a limiter).
/// </summary>
public sealed record PlatformNormalization(double ReferenceLufs, bool TurnsUp, double UpwardPeakLimitDbtp, bool LimitsWhenTurningUp = false);
