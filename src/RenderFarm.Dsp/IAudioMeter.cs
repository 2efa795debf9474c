namespace RenderFarm.Dsp;

/// <summary>A streaming meter: prepared once, fed blocks, and read afterwards.</summary>
public interface IAudioMeter
{
    void Prepare(AudioSpec spec);

    void Add(AudioBlock block);

    void Reset();
}
