using RenderFarm.Dsp;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// What the mixdown takes from a track for each block: its stereo output and each send's stereo output,
/// rendered here and now (<see cref="TrackRenderer"/>) or read back from the track's stems (<see cref="StemFeed"/>).
/// </summary>
internal interface ITrackFeed : IDisposable
{
    /// <summary>The track's index in the session.</summary>
    int Track { get; }

    AudioBuffer Direct { get; }

    IReadOnlyList<AudioBuffer> Sends { get; }

    void Render(long frame, int frames);
}
