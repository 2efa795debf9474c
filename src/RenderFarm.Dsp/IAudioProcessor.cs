namespace RenderFarm.Dsp;

/// <summary>A streaming processor: <c>Prepare</c> validates and allocates, <c>Process</c> works in place without allocating, <c>Reset</c> clears state.</summary>
public interface IAudioProcessor
{
    void Prepare(AudioSpec spec);

    void Process(AudioBlock block);

    void Reset();
}
