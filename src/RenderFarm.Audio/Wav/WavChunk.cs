namespace RenderFarm.Audio.Wav;

/// <summary>A chunk the WAV code does not interpret (iXML, axml, LIST, cue...), kept byte for byte so a rewrite preserves it.</summary>
public sealed record WavChunk(string Id, byte[] Data)
{
    /// <summary>Chunk ids the reader and writer interpret themselves and therefore never keep as opaque chunks.</summary>
    internal static readonly HashSet<string> Structural = ["fmt ", "data", "ds64", "bext", "JUNK", "junk", "PAD ", "FLLR", "fact"];
}
