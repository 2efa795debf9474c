namespace RenderFarm.Mastering.Profiles;

/// <summary>The kinds of file a mastering job delivers.</summary>
public enum DeliverableFormat
{
    /// <summary>Broadcast WAV master (bext, LIST INFO), 24-bit at the source rate unless set otherwise.</summary>
    Wav,

    /// <summary>CD master: 16-bit 44.1 kHz WAV, dithered.</summary>
    Cd,

    /// <summary>FLAC, 24-bit at the source rate unless set otherwise, Vorbis comments.</summary>
    Flac,

    /// <summary>MP3 (LAME), 320 kbit/s CBR at 44.1 kHz, ID3v2.</summary>
    Mp3,

    /// <summary>AAC-LC in MP4 (.m4a), 256 kbit/s at 44.1 kHz, iTunes-style atoms.</summary>
    Aac,

    /// <summary>Opus in Ogg, 48 kHz, Vorbis comments.</summary>
    Opus,
}
