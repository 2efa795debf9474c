namespace RenderFarm.Dsp;

/// <summary>A streaming processor: <c>Prepare</c> validates and allocates, <c>Process</c> works in place without allocating, <c>Reset</c> clears state.</summary>
public interface IAudioProcessor
{
    void Prepare(AudioSpec spec);

    void Process(AudioBlock block);

    void Reset();

    /// <summary>Frames by which the output lags the input (look-ahead); the caller compensates.</summary>
    int LatencyFrames => 0;
}
