namespace RenderFarm.Worker;

/// <summary>The latest progress of a running render, written by the render and read by its heartbeat.</summary>
public sealed class RenderProgress : IProgress<double>
{
    private double _fraction;

    public double Fraction => Volatile.Read(ref _fraction);

    public void Report(double value) => Volatile.Write(ref _fraction, Math.Clamp(value, 0, 1));
}
