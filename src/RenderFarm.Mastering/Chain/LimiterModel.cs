using System.Runtime.InteropServices;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mastering.Chain;

/// <summary>
/// Predicts the integrated loudness the true-peak limiter will deliver at a given input gain, in a few
/// milliseconds instead of a pass over the audio. While the pre-limiter signal is first written, it
/// keeps, per cell of 32 frames, the largest true-peak segment and the K-weighted energy (in two
/// temporary files, so memory does not grow with the programme). A prediction runs the limiter's gain
/// logic (required gain, sliding minimum over the look-ahead, release, box average) at cell resolution,
/// scales each cell's energy by the square of its gain and gates the result as BS.1770 does.
/// </summary>
internal sealed class LimiterModel : IDisposable
{
    public const int CellFrames = 32;

    private const int ChunkCells = 65_536;
    private const double AbsoluteGateLufs = -70.0;

    private readonly string _energyPath;
    private readonly string _peakPath;
    private readonly FileStream _energies;
    private readonly FileStream _peaks;
    private readonly AudioSpec _spec;
    private readonly TruePeakDetector _interpolator;
    private readonly float[][] _history;
    private readonly float[] _segments;
    private readonly float[] _peakCells;
    private float _cellPeak;
    private int _cellFill;
    private long _frames;
    private bool _completed;

    public LimiterModel(string folder, AudioSpec spec)
    {
        _spec = spec;
        _energyPath = Path.Combine(folder, "model-energy.f32");
        _peakPath = Path.Combine(folder, "model-peak.f32");
        _energies = new FileStream(_energyPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        _peaks = new FileStream(_peakPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        _interpolator = new TruePeakDetector(spec.SampleRate, spec.Channels);
        _history = Enumerable.Range(0, spec.Channels).Select(_ => new float[TruePeakDetector.SegmentHistory + spec.MaxBlockFrames]).ToArray();
        _segments = new float[spec.MaxBlockFrames];
        _peakCells = new float[(spec.MaxBlockFrames / CellFrames) + 2];
    }

    /// <summary>The largest true peak of the pre-limiter signal (linear), known once <see cref="Complete"/> has run.</summary>
    public float TruePeak { get; private set; }

    /// <summary>Takes the K-weighted energy cells from the pre-limiter loudness meter.</summary>
    public void AddEnergies(ReadOnlySpan<float> cells) => _energies.Write(MemoryMarshal.AsBytes(cells));

    /// <summary>Takes the pre-limiter signal, for the true-peak segments of each cell.</summary>
    public void Add(AudioBlock block)
    {
        var n = block.Frames;
        var segments = _segments.AsSpan(0, n);
        segments.Clear();
        for (var c = 0; c < block.Channels; c++)
        {
            var history = _history[c];
            block[c].CopyTo(history.AsSpan(TruePeakDetector.SegmentHistory));
            _interpolator.SegmentPeaks(history.AsSpan(0, TruePeakDetector.SegmentHistory + n), segments);
            history.AsSpan(n, TruePeakDetector.SegmentHistory).CopyTo(history);
        }

        // Segment i belongs to the sample SegmentDelay frames before it; the first ones cover the silence before the start.
        var skip = (int)Math.Max(0, Math.Min(n, TruePeakDetector.SegmentDelay - _frames));
        AddPeaks(segments[skip..]);
        _frames += n;
    }

    /// <summary>Ends recording: the last segments and the partial last cells.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        // The final segments start in the last SegmentDelay samples; the look-ahead already saw them.
        if (_cellFill > 0)
        {
            _peakCells[0] = _cellPeak;
            _peaks.Write(MemoryMarshal.AsBytes(_peakCells.AsSpan(0, 1)));
        }

        _energies.Flush();
        _peaks.Flush();
        _completed = true;
    }

    /// <summary>The integrated loudness (LUFS) the limiter is expected to deliver at <paramref name="gainDb"/>.</summary>
    public double Predict(double gainDb, LimiterSettings settings)
    {
        Complete();
        var gain = Decibels.ToAmplitude(gainDb);
        var ceiling = Decibels.ToAmplitude(settings.CeilingDbtp - settings.SafetyMarginDb);
        var window = Math.Max(8, (int)Math.Round(settings.LookaheadMs * 0.001 * _spec.SampleRate));
        var cellsPerWindow = Math.Max(1, (int)Math.Round((double)window / CellFrames));
        var releaseStep = 1.0 - Math.Exp(-CellFrames / (settings.ReleaseMs * 0.001 * _spec.SampleRate));
        var framesPer100Ms = (_spec.SampleRate + 5) / 10;
        var subBlocks = _frames / framesPer100Ms;
        var cells = Math.Min(_energies.Length, _peaks.Length) / sizeof(float);

        var held = new MinWindow(cellsPerWindow);
        var released = new float[cellsPerWindow];
        var delayedEnergy = new float[cellsPerWindow];
        var sum = (double)cellsPerWindow;
        Array.Fill(released, 1.0f);
        var last = 1.0;
        var gating = new List<double>();
        Span<double> ring = stackalloc double[4];
        long subBlock = 0;
        var subEnergy = 0.0;
        var gain2 = gain * gain;

        var energies = new float[ChunkCells];
        var peaks = new float[ChunkCells];
        _energies.Position = 0;
        _peaks.Position = 0;
        for (long c = 0; c < cells + cellsPerWindow - 1; c++)
        {
            var k = (int)(c % ChunkCells);
            if (k == 0 && c < cells)
            {
                ReadFloats(_energies, energies);
                ReadFloats(_peaks, peaks);
            }

            var peak = c < cells ? peaks[k] * gain : 0.0;
            var required = peak > ceiling ? ceiling / peak : 1.0;
            var hold = held.Push(required);
            var r = Math.Min(hold, last + ((1.0 - last) * releaseStep));
            last = r;
            var slot = (int)(c % cellsPerWindow);
            sum += r - released[slot];
            released[slot] = (float)r;
            var energy = delayedEnergy[slot];
            delayedEnergy[slot] = c < cells ? energies[k] : 0f;
            var target = c - cellsPerWindow + 1;
            if (target < 0)
            {
                continue;
            }

            // The cell that leaves the window gets the window's average gain.
            var average = Math.Min(1.0, sum / cellsPerWindow);
            var index = target * CellFrames / framesPer100Ms;
            if (index >= subBlocks)
            {
                break;
            }

            if (index != subBlock)
            {
                CloseSubBlock(ref subBlock, ref subEnergy, ring, gating, framesPer100Ms);
            }

            subEnergy += gain2 * average * average * energy;
        }

        if (subBlock < subBlocks)
        {
            CloseSubBlock(ref subBlock, ref subEnergy, ring, gating, framesPer100Ms);
        }

        return Integrated(gating);
    }

    public void Dispose()
    {
        _energies.Dispose();
        _peaks.Dispose();
        File.Delete(_energyPath);
        File.Delete(_peakPath);
    }

    private static void CloseSubBlock(ref long subBlock, ref double energy, Span<double> ring, List<double> gating, int framesPer100Ms)
    {
        ring[(int)(subBlock % 4)] = energy;
        subBlock++;
        energy = 0;
        if (subBlock >= 4)
        {
            gating.Add((ring[0] + ring[1] + ring[2] + ring[3]) / (4.0 * framesPer100Ms));
        }
    }

    private static double Integrated(List<double> blocks)
    {
        var absolute = LoudnessMeter.ToEnergy(AbsoluteGateLufs);
        var above = blocks.Where(e => e > absolute).ToArray();
        if (above.Length == 0)
        {
            return double.NegativeInfinity;
        }

        var relative = above.Average() * 0.1;
        var gated = above.Where(e => e > relative).ToArray();
        return gated.Length == 0 ? double.NegativeInfinity : LoudnessMeter.ToLufs(gated.Average());
    }

    private static void ReadFloats(FileStream stream, float[] destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination.AsSpan());
        var got = 0;
        while (got < bytes.Length)
        {
            var r = stream.Read(bytes[got..]);
            if (r == 0)
            {
                break;
            }

            got += r;
        }
    }

    private void AddPeaks(ReadOnlySpan<float> segments)
    {
        var count = 0;
        foreach (var s in segments)
        {
            _cellPeak = Math.Max(_cellPeak, s);
            TruePeak = Math.Max(TruePeak, s);
            if (++_cellFill == CellFrames)
            {
                _peakCells[count++] = _cellPeak;
                _cellPeak = 0;
                _cellFill = 0;
            }
        }

        _peaks.Write(MemoryMarshal.AsBytes(_peakCells.AsSpan(0, count)));
    }

    /// <summary>The minimum of the last <c>length</c> values pushed (monotonic deque over a ring).</summary>
    private sealed class MinWindow(int length)
    {
        private readonly double[] _values = new double[length + 1];
        private readonly long[] _indices = new long[length + 1];
        private int _head;
        private int _count;
        private long _next;

        public double Push(double value)
        {
            var capacity = _values.Length;
            while (_count > 0 && _values[(_head + _count - 1) % capacity] >= value)
            {
                _count--;
            }

            var tail = (_head + _count) % capacity;
            _values[tail] = value;
            _indices[tail] = _next;
            _count++;
            if (_indices[_head] <= _next - length)
            {
                _head = (_head + 1) % capacity;
                _count--;
            }

            _next++;
            return _values[_head];
        }
    }
}
