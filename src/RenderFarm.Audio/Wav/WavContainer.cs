namespace RenderFarm.Audio.Wav;

/// <summary>The outer container of a WAVE file.</summary>
public enum WavContainer
{
    /// <summary>Classic RIFF, limited to 4 GiB.</summary>
    Riff,

    /// <summary>EBU Tech 3306 RF64, 64-bit sizes in a ds64 chunk.</summary>
    Rf64,

    /// <summary>ITU-R BS.2088 BW64, the same layout as RF64 under another id.</summary>
    Bw64,
}
