using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>
/// Checks a deliverable's samples as they are written (or as they are read back, for lossy files). A
/// deliverable at the master's own rate differs from the master only by dither in its last bit, so it
/// takes the master's loudness and stereo figures and runs only its own QC.
/// </summary>
internal sealed class DeliverableCheck
{
    private readonly LoudnessMeter? _loudness;
    private readonly StereoMeter? _stereo;
    private readonly QcScanner _qc;
    private readonly double? _targetLufs;
    private readonly double _toleranceLu;

    public DeliverableCheck(AudioSpec spec, MasteringProfile profile, bool lossy, bool measure = true)
    {
        if (measure)
        {
            _loudness = new LoudnessMeter(new LoudnessMeterOptions { KeepSeries = false, MonoFoldDown = spec.Channels == 2 });
            _loudness.Prepare(spec);
            _stereo = spec.Channels == 2 ? new StereoMeter() : null;
            _stereo?.Prepare(spec);
        }

        // A lossy codec's overshoot above the master's ceiling is expected; what a service rejects is a
        // decoded file that goes over full scale.
        _qc = new QcScanner(profile.Qc, lossy ? 0.0 : profile.CeilingDbtp);
        _qc.Prepare(spec);
        _targetLufs = profile.Target.IntegratedLufs;
        _toleranceLu = profile.Target.ToleranceLu;
    }

    public void Add(AudioBlock block)
    {
        _loudness?.Add(block);
        _stereo?.Add(block);
        _qc.Add(block);
    }

    /// <summary>The deliverable's loudness and findings; <paramref name="master"/> stands in where this check did not measure.</summary>
    public (LoudnessReport Loudness, IReadOnlyList<QcFinding> Findings) Result(MasterMeasurement master)
    {
        var loudness = _loudness?.GetReport() ?? master.Loudness;
        var stereo = _stereo is null ? master.Stereo : _stereo.GetReport(loudness);
        return (loudness, _qc.Findings(loudness, stereo, _targetLufs, _toleranceLu, _stereo?.Windows ?? master.Windows));
    }
}
