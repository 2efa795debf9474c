using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Metering;

/// <summary>
/// An EBU R128 loudness meter (ITU-R BS.1770-4, EBU Tech 3341 and 3342): momentary, short-term,
/// integrated, loudness range, sample and true peak, fed planar float blocks of any size.
/// </summary>
/// <remarks>
/// The K-weighted signal is squared and summed into 100 ms sub-blocks; the 400 ms momentary windows
/// (75 % overlap, the gating blocks) and the 3 s short-term windows are sums of the last 4 and 30
/// sub-blocks. The loudness range takes 10 short-term readings a second, as Tech 3342 asks since 2016
/// (libebur128 takes one; <see cref="LoudnessMeterOptions.LoudnessRangeReadingsPerSecond"/> can match it). Before the first window fills, the meter
/// reads as if silence came before the programme. Memory is a few bytes per 100 ms of audio.
/// </remarks>
public sealed class LoudnessMeter : IAudioMeter
{
    private const int ShortTermSubBlocks = 30;
    private const int MomentarySubBlocks = 4;
    private const double LoudnessOffset = -0.691;
    private const double AbsoluteGateLufs = -70.0;
    private const double IntegratedRelativeGateLu = -10.0;
    private const double RangeRelativeGateLu = -20.0;
    private const int WideChunk = 1024;

    // The absolute gate (-70 LUFS) as a mean weighted energy.
    private static readonly double AbsoluteGateEnergy = ToEnergy(AbsoluteGateLufs);

    private readonly LoudnessMeterOptions _options;
    private readonly int _rangeHop;
    private readonly double[] _ring = new double[ShortTermSubBlocks];
    private readonly GatingStore _gatingBlocks;
    private readonly GatingStore _monoGatingBlocks;
    private readonly double[] _monoRing = new double[MomentarySubBlocks];
    private readonly GatingStore _shortTermBlocks;
    private readonly List<float> _seriesMomentary = [];
    private readonly List<float> _seriesShortTerm = [];

    // Input converted to double ahead of the filter: converting inside the recursive loop made each
    // sample's conversion wait on the previous sample's result (cvtss2sd merges into its destination).
    private readonly double[] _wide = new double[2 * WideChunk];
    private double[] _frameEnergy = [];
    private float[] _cells = [];
    private double _cellSum;
    private int _cellCount;
    private AudioSpec _spec;
    private double[] _weights = [];
    private KCoefficients _k;
    private double[] _state = [];
    private double[] _subEnergy = [];
    private double _subCross;
    private bool _pair;
    private float[] _samplePeaks = [];
    private TruePeakDetector? _truePeak;
    private int _framesPer100Ms;
    private int _subFrames;
    private int _ringPosition;
    private long _subBlocks;
    private long _frames;
    private double _maxMomentaryEnergy;
    private double _maxShortTermEnergy;
    private double _momentaryEnergy;
    private double _shortTermEnergy;

    public LoudnessMeter(LoudnessMeterOptions? options = null)
    {
        _options = options ?? new LoudnessMeterOptions();
        _options.Validate();
        _rangeHop = 10 / _options.LoudnessRangeReadingsPerSecond;
        _gatingBlocks = GatingStore.Create(_options.BoundedMemory);
        _monoGatingBlocks = GatingStore.Create(_options.BoundedMemory);
        _shortTermBlocks = GatingStore.Create(_options.BoundedMemory);
    }

    public AudioSpec Spec => _spec;

    /// <summary>Frames fed so far.</summary>
    public long Frames => _frames;

    /// <summary>Momentary loudness (last 400 ms) at the latest 100 ms boundary.</summary>
    public double MomentaryLufs => ToLufs(_momentaryEnergy);

    /// <summary>Short-term loudness (last 3 s) at the latest 100 ms boundary.</summary>
    public double ShortTermLufs => ToLufs(_shortTermEnergy);

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        var layout = _options.Layout ?? ChannelLayout.Default(spec.Channels);
        if (layout.Channels != spec.Channels)
        {
            throw new ArgumentException($"channel layout names {layout.Channels} channels but the audio has {spec.Channels}", nameof(spec));
        }

        _spec = spec;
        _weights = layout.Weights();
        _k = new KCoefficients(KWeighting.Shelf(spec.SampleRate), KWeighting.HighPass(spec.SampleRate));
        _state = new double[spec.Channels * KCoefficients.StateLength];
        _subEnergy = new double[spec.Channels];
        _pair = spec.Channels == 2;
        if (_options.MonoFoldDown && !_pair)
        {
            throw new ArgumentException($"the mono fold-down is measured on stereo; the audio has {spec.Channels} channel(s)", nameof(spec));
        }

        _samplePeaks = new float[spec.Channels];
        _truePeak = _options.TruePeak ? new TruePeakDetector(spec.SampleRate, spec.Channels) : null;
        if (_options.EnergyCells is not null)
        {
            _frameEnergy = new double[spec.MaxBlockFrames];
            _cells = new float[(spec.MaxBlockFrames / _options.EnergyCellFrames) + 2];
        }

        // 100 ms rounded to whole frames, so every rate (11025 Hz, 22050 Hz...) gets equal sub-blocks.
        _framesPer100Ms = (spec.SampleRate + 5) / 10;
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_state);
        Array.Clear(_subEnergy);
        Array.Clear(_samplePeaks);
        Array.Clear(_ring);
        Array.Clear(_monoRing);
        _monoGatingBlocks.Clear();
        _subCross = 0;
        _truePeak?.Reset();
        _gatingBlocks.Clear();
        _shortTermBlocks.Clear();
        _seriesMomentary.Clear();
        _seriesShortTerm.Clear();
        _subFrames = 0;
        _ringPosition = 0;
        _subBlocks = 0;
        _frames = 0;
        _maxMomentaryEnergy = 0;
        _maxShortTermEnergy = 0;
        _momentaryEnergy = 0;
        _shortTermEnergy = 0;
        _cellSum = 0;
        _cellCount = 0;
    }

    /// <summary>Feeds the next frames. Throws <see cref="NonFiniteSampleException"/> (and measures nothing of the block) on NaN or infinity.</summary>
    public void Add(AudioBlock block)
    {
        if (_framesPer100Ms == 0)
        {
            throw new InvalidOperationException("the meter must be prepared before it is fed");
        }

        if (block.Channels != _spec.Channels)
        {
            throw new ArgumentException($"the meter was prepared for {_spec.Channels} channels, given {block.Channels}", nameof(block));
        }

        for (var c = 0; c < block.Channels; c++)
        {
            var peak = VectorMath.MaxAbs(block[c]);
            if (!float.IsFinite(peak))
            {
                ThrowNonFinite(block[c], c);
            }

            _samplePeaks[c] = Math.Max(_samplePeaks[c], peak);
        }

        var cells = _options.EnergyCells is not null;
        if (cells)
        {
            Array.Clear(_frameEnergy, 0, block.Frames);
        }

        var offset = 0;
        while (offset < block.Frames)
        {
            var n = Math.Min(_framesPer100Ms - _subFrames, block.Frames - offset);
            if (_pair)
            {
                var frameEnergy = cells ? _frameEnergy.AsSpan(offset, n) : default;
                var (left, right, cross) = cells
                    ? KWeightedPair(block[0].Slice(offset, n), block[1].Slice(offset, n), new WeightedSquares(frameEnergy, Vector128.Create(_weights[0], _weights[1])))
                    : KWeightedPair(block[0].Slice(offset, n), block[1].Slice(offset, n), default(NoSquares));
                _subEnergy[0] += left;
                _subEnergy[1] += right;
                _subCross += cross;
            }

            for (var c = 0; c < block.Channels && !_pair; c++)
            {
                if (_weights[c] != 0.0)
                {
                    var state = _state.AsSpan(c * KCoefficients.StateLength, KCoefficients.StateLength);
                    _subEnergy[c] += cells
                        ? KWeightedEnergy(block[c].Slice(offset, n), state, new WeightedSquares(_frameEnergy.AsSpan(offset, n), Vector128.Create(_weights[c], 0.0)))
                        : KWeightedEnergy(block[c].Slice(offset, n), state, default(NoSquares));
                }
            }

            _subFrames += n;
            offset += n;
            if (_subFrames == _framesPer100Ms)
            {
                CompleteSubBlock();
            }
        }

        if (_truePeak is not null)
        {
            for (var c = 0; c < block.Channels; c++)
            {
                _truePeak.Process(c, block[c]);
            }
        }

        if (cells)
        {
            EmitCells(block.Frames);
        }

        _frames += block.Frames;
    }

    /// <summary>The momentary and short-term loudness every 100 ms so far (empty unless the options keep it).</summary>
    public IReadOnlyList<LoudnessPoint> Series()
    {
        var points = new LoudnessPoint[_seriesMomentary.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new LoudnessPoint((i + 1) * 0.1, _seriesMomentary[i], _seriesShortTerm[i]);
        }

        return points;
    }

    /// <summary>The figures for everything fed so far; the meter can be fed more afterwards.</summary>
    public LoudnessReport GetReport()
    {
        var (integrated, relativeGate) = Integrated(_gatingBlocks);
        var (range, low, high) = LoudnessRange();
        var samplePeaks = Array.ConvertAll(_samplePeaks, p => Decibels.FromAmplitude(p));
        var truePeaks = _truePeak is null
            ? samplePeaks
            : Enumerable.Range(0, _spec.Channels).Select(c => Decibels.FromAmplitude(_truePeak.Peak(c))).ToArray();
        return new LoudnessReport
        {
            SampleRate = _spec.SampleRate,
            Channels = _spec.Channels,
            Frames = _frames,
            IntegratedLufs = integrated,
            RelativeGateLufs = relativeGate,
            LoudnessRangeLu = range,
            LoudnessRangeLowLufs = low,
            LoudnessRangeHighLufs = high,
            MaxMomentaryLufs = ToLufs(_maxMomentaryEnergy),
            MaxShortTermLufs = ToLufs(_maxShortTermEnergy),
            TruePeakDbtp = truePeaks.Max(),
            SamplePeakDbfs = samplePeaks.Max(),
            TruePeakPerChannelDbtp = truePeaks,
            SamplePeakPerChannelDbfs = samplePeaks,
            TruePeakOversampling = _truePeak?.Factor ?? 1,
            MonoFoldDownLufs = _options.MonoFoldDown ? Integrated(_monoGatingBlocks).Integrated : null,
        };
    }

    /// <summary>Loudness in LUFS of a mean weighted energy (negative infinity for zero).</summary>
    public static double ToLufs(double energy) => LoudnessOffset + (10.0 * Math.Log10(energy));

    /// <summary>The mean weighted energy of a loudness in LUFS.</summary>
    public static double ToEnergy(double lufs) => Math.Pow(10.0, (lufs - LoudnessOffset) / 10.0);

    private double KWeightedEnergy<TSquares>(ReadOnlySpan<float> samples, Span<double> state, TSquares squares)
        where TSquares : struct, ISquares, allows ref struct
    {
        var energy = 0.0;
        var done = 0;
        while (done < samples.Length)
        {
            var n = Math.Min(samples.Length - done, WideChunk);
            var wide = _wide.AsSpan(0, n);
            VectorMath.Widen(samples.Slice(done, n), wide);
            energy += _k.Run(wide, state, squares, done);
            done += n;
        }

        return energy;
    }

    // Both channels of a stereo programme through the K-weighting at once, as [L, R] pairs.
    private (double Left, double Right, double Cross) KWeightedPair<TSquares>(ReadOnlySpan<float> left, ReadOnlySpan<float> right, TSquares squares)
        where TSquares : struct, ISquares, allows ref struct
    {
        var energy = Vector128<double>.Zero;
        var cross = 0.0;
        var done = 0;
        while (done < left.Length)
        {
            var n = Math.Min(left.Length - done, WideChunk);
            var pairs = _wide.AsSpan(0, 2 * n);
            VectorMath.Interleave(left.Slice(done, n), right.Slice(done, n), pairs);
            var (e, c) = _k.RunPair(pairs, _state, squares, done);
            energy += e;
            cross += c;
            done += n;
        }

        return (energy[0], energy[1], cross);
    }

    private void EmitCells(int frames)
    {
        var size = _options.EnergyCellFrames;
        var count = 0;
        for (var i = 0; i < frames; i++)
        {
            _cellSum += _frameEnergy[i];
            if (++_cellCount == size)
            {
                _cells[count++] = (float)_cellSum;
                _cellSum = 0;
                _cellCount = 0;
            }
        }

        if (count > 0)
        {
            _options.EnergyCells!(_cells.AsSpan(0, count));
        }
    }

    /// <summary>Where the K-weighting kernel may put each output's square (a struct: the unused case costs nothing).</summary>
    private interface ISquares
    {
        /// <summary>Squares of the outputs of one frame: [channel] or [left, right].</summary>
        void Put(int index, Vector128<double> squares);
    }

    private readonly struct NoSquares : ISquares
    {
        public void Put(int index, Vector128<double> squares)
        {
        }
    }

    /// <summary>Adds the channel-weighted squares of each frame into its slot.</summary>
    private readonly ref struct WeightedSquares(Span<double> frames, Vector128<double> weights) : ISquares
    {
        private readonly Span<double> _frames = frames;

        public void Put(int index, Vector128<double> squares)
        {
            var weighted = weights * squares;
            _frames[index] += weighted[0] + weighted[1];
        }
    }

    private void CompleteSubBlock()
    {
        if (_options.MonoFoldDown)
        {
            // The fold-down (L + R) / 2 played on both speakers: its power, doubled.
            _monoRing[(int)(_subBlocks % MomentarySubBlocks)] = (_subEnergy[0] + _subEnergy[1] + (2.0 * _subCross)) / 2.0;
            var mono = (_monoRing[0] + _monoRing[1] + _monoRing[2] + _monoRing[3]) / (MomentarySubBlocks * (double)_framesPer100Ms);
            if (_subBlocks + 1 >= MomentarySubBlocks && mono > AbsoluteGateEnergy)
            {
                _monoGatingBlocks.Add(mono);
            }
        }

        _subCross = 0.0;
        var energy = 0.0;
        for (var c = 0; c < _subEnergy.Length; c++)
        {
            energy += _weights[c] * _subEnergy[c];
            _subEnergy[c] = 0.0;
        }

        _ring[_ringPosition] = energy;
        _ringPosition = (_ringPosition + 1) % ShortTermSubBlocks;
        _subBlocks++;
        _subFrames = 0;

        var momentary = 0.0;
        var shortTerm = 0.0;
        for (var i = 1; i <= ShortTermSubBlocks; i++)
        {
            var e = _ring[(_ringPosition - i + ShortTermSubBlocks) % ShortTermSubBlocks];
            shortTerm += e;
            if (i <= MomentarySubBlocks)
            {
                momentary += e;
            }
        }

        _momentaryEnergy = momentary / (MomentarySubBlocks * (double)_framesPer100Ms);
        _shortTermEnergy = shortTerm / (ShortTermSubBlocks * (double)_framesPer100Ms);
        _maxMomentaryEnergy = Math.Max(_maxMomentaryEnergy, _momentaryEnergy);
        _maxShortTermEnergy = Math.Max(_maxShortTermEnergy, _shortTermEnergy);
        if (_subBlocks >= MomentarySubBlocks && _momentaryEnergy > AbsoluteGateEnergy)
        {
            _gatingBlocks.Add(_momentaryEnergy);
        }

        if (_subBlocks >= ShortTermSubBlocks && (_subBlocks - ShortTermSubBlocks) % _rangeHop == 0 && _shortTermEnergy > AbsoluteGateEnergy)
        {
            _shortTermBlocks.Add(_shortTermEnergy);
        }

        if (_options.KeepSeries)
        {
            _seriesMomentary.Add((float)ToLufs(_momentaryEnergy));
            _seriesShortTerm.Add((float)ToLufs(_shortTermEnergy));
        }
    }

    /// <summary>
    /// The integrated loudness of several programmes taken as one (an album's songs): every gating block
    /// of every meter under one absolute and one relative gate (BS.1770-4 over their union, as
    /// libebur128's loudness_global_multiple and album gain measure it); no block straddles two songs.
    /// The meters must measure at one sample rate and channel layout.
    /// </summary>
    public static double IntegratedOf(IReadOnlyList<LoudnessMeter> meters) => IntegratedOf(meters, gainsDb: null);

    /// <summary>
    /// As <see cref="IntegratedOf(IReadOnlyList{LoudnessMeter})"/> with each programme's blocks raised by its gain in
    /// <paramref name="gainsDb"/> (null: none): the album's loudness had its songs been played that much louder.
    /// </summary>
    public static double IntegratedOf(IReadOnlyList<LoudnessMeter> meters, IReadOnlyList<double>? gainsDb)
    {
        ArgumentNullException.ThrowIfNull(meters);
        if (gainsDb is not null && gainsDb.Count != meters.Count)
        {
            throw new ArgumentException($"{gainsDb.Count} gains for {meters.Count} meters", nameof(gainsDb));
        }

        return Integrated(threshold =>
        {
            double sum = 0;
            var count = 0;
            for (var i = 0; i < meters.Count; i++)
            {
                // A block above the threshold after the gain is one above threshold / gain before it.
                var power = gainsDb is null ? 1.0 : Decibels.ToPower(gainsDb[i]);
                var (s, c) = meters[i]._gatingBlocks.SumAbove(threshold / power);
                sum += s * power;
                count += c;
            }

            return (sum, count);
        }).Integrated;
    }

    private static (double Integrated, double RelativeGate) Integrated(GatingStore gatingBlocks) => Integrated(gatingBlocks.SumAbove);

    private static (double Integrated, double RelativeGate) Integrated(Func<double, (double Sum, int Count)> sumAbove)
    {
        var (sum, count) = sumAbove(AbsoluteGateEnergy);
        if (count == 0)
        {
            return (double.NegativeInfinity, double.NegativeInfinity);
        }

        var relative = sum / count * Decibels.ToPower(IntegratedRelativeGateLu);
        (sum, count) = sumAbove(Math.Max(relative, AbsoluteGateEnergy));
        return (count == 0 ? double.NegativeInfinity : ToLufs(sum / count), ToLufs(relative));
    }

    private (double Range, double Low, double High) LoudnessRange()
    {
        var (sum, count) = _shortTermBlocks.SumAbove(AbsoluteGateEnergy);
        if (count == 0)
        {
            return (0.0, double.NegativeInfinity, double.NegativeInfinity);
        }

        var gate = Math.Max(AbsoluteGateEnergy, sum / count * Decibels.ToPower(RangeRelativeGateLu));
        if (!_shortTermBlocks.Percentiles(gate, 0.10, 0.95, out var lowEnergy, out var highEnergy))
        {
            return (0.0, double.NegativeInfinity, double.NegativeInfinity);
        }

        var low = ToLufs(lowEnergy);
        var high = ToLufs(highEnergy);
        return (high - low, low, high);
    }

    private void ThrowNonFinite(ReadOnlySpan<float> samples, int channel)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                throw new NonFiniteSampleException(channel, _frames + i, samples[i]);
            }
        }
    }

    /// <summary>The two K-weighting stages fused into one loop, direct form I, state in double.</summary>
    private readonly struct KCoefficients(BiquadCoefficients shelf, BiquadCoefficients highPass)
    {
        public const int StateLength = 6;

        private readonly double _b0 = shelf.B0, _b1 = shelf.B1, _b2 = shelf.B2, _na1 = -shelf.A1, _na2 = -shelf.A2;
        private readonly double _nc1 = -highPass.A1, _nc2 = -highPass.A2;

        /// <summary>Filters <paramref name="x"/> through both stages and returns the sum of squares of the output.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Run<TSquares>(ReadOnlySpan<double> x, Span<double> state, TSquares squares, int start)
            where TSquares : struct, ISquares, allows ref struct
        {
            double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3], z1 = state[4], z2 = state[5];
            double b0 = _b0, b1 = _b1, b2 = _b2, na1 = _na1, na2 = _na2, nc1 = _nc1, nc2 = _nc2;
            double even = 0.0, odd = 0.0;
            var i = 0;
            for (; i + 1 < x.Length; i += 2)
            {
                var xa = x[i];
                var ya = Math.FusedMultiplyAdd(na1, y1, Math.FusedMultiplyAdd(na2, y2, Math.FusedMultiplyAdd(b2, x2, Math.FusedMultiplyAdd(b1, x1, b0 * xa))));
                var za = Math.FusedMultiplyAdd(nc1, z1, Math.FusedMultiplyAdd(nc2, z2, ya - (2.0 * y1) + y2));
                even = Math.FusedMultiplyAdd(za, za, even);
                squares.Put(start + i, Vector128.CreateScalar(za * za));

                var xb = x[i + 1];
                var yb = Math.FusedMultiplyAdd(na1, ya, Math.FusedMultiplyAdd(na2, y1, Math.FusedMultiplyAdd(b2, x1, Math.FusedMultiplyAdd(b1, xa, b0 * xb))));
                var zb = Math.FusedMultiplyAdd(nc1, za, Math.FusedMultiplyAdd(nc2, z1, yb - (2.0 * ya) + y1));
                odd = Math.FusedMultiplyAdd(zb, zb, odd);
                squares.Put(start + i + 1, Vector128.CreateScalar(zb * zb));

                x2 = xa;
                x1 = xb;
                y2 = ya;
                y1 = yb;
                z2 = za;
                z1 = zb;
            }

            if (i < x.Length)
            {
                var xa = x[i];
                var ya = Math.FusedMultiplyAdd(na1, y1, Math.FusedMultiplyAdd(na2, y2, Math.FusedMultiplyAdd(b2, x2, Math.FusedMultiplyAdd(b1, x1, b0 * xa))));
                var za = Math.FusedMultiplyAdd(nc1, z1, Math.FusedMultiplyAdd(nc2, z2, ya - (2.0 * y1) + y2));
                even = Math.FusedMultiplyAdd(za, za, even);
                squares.Put(start + i, Vector128.CreateScalar(za * za));
                x2 = x1;
                x1 = xa;
                y2 = y1;
                y1 = ya;
                z2 = z1;
                z1 = za;
            }

            state[0] = x1;
            state[1] = x2;
            state[2] = Denormals.Flush(y1);
            state[3] = Denormals.Flush(y2);
            state[4] = Denormals.Flush(z1);
            state[5] = Denormals.Flush(z2);
            return even + odd;
        }

        /// <summary>
        /// <see cref="Run"/> for both channels of a stereo pair at once: each vector is [left, right], the
        /// operations and their order are those of <see cref="Run"/> (so each channel's energy is the same
        /// to the bit), and the sum of left times right output comes too, for the mono fold-down. The
        /// state is channel 0's then channel 1's.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public (Vector128<double> Energy, double Cross) RunPair<TSquares>(ReadOnlySpan<double> pairs, Span<double> state, TSquares squares, int start)
            where TSquares : struct, ISquares, allows ref struct
        {
            const int L = 0, R = StateLength;
            var x1 = Vector128.Create(state[L], state[R]);
            var x2 = Vector128.Create(state[L + 1], state[R + 1]);
            var y1 = Vector128.Create(state[L + 2], state[R + 2]);
            var y2 = Vector128.Create(state[L + 3], state[R + 3]);
            var z1 = Vector128.Create(state[L + 4], state[R + 4]);
            var z2 = Vector128.Create(state[L + 5], state[R + 5]);
            var (b0, b1, b2, na1, na2) = (Vector128.Create(_b0), Vector128.Create(_b1), Vector128.Create(_b2), Vector128.Create(_na1), Vector128.Create(_na2));
            var (nc1, nc2, two) = (Vector128.Create(_nc1), Vector128.Create(_nc2), Vector128.Create(2.0));
            var swap = Vector128.Create(1L, 0L);
            Vector128<double> even = default, odd = default, crossEven = default, crossOdd = default;
            ref var p = ref MemoryMarshal.GetReference(pairs);
            var frames = pairs.Length / 2;
            var i = 0;
            for (; i + 1 < frames; i += 2)
            {
                var xa = Vector128.LoadUnsafe(ref p, (nuint)(2 * i));
                var ya = Vector128.FusedMultiplyAdd(na1, y1, Vector128.FusedMultiplyAdd(na2, y2, Vector128.FusedMultiplyAdd(b2, x2, Vector128.FusedMultiplyAdd(b1, x1, b0 * xa))));
                var za = Vector128.FusedMultiplyAdd(nc1, z1, Vector128.FusedMultiplyAdd(nc2, z2, ya - (two * y1) + y2));
                even = Vector128.FusedMultiplyAdd(za, za, even);
                crossEven = Vector128.FusedMultiplyAdd(za, Vector128.Shuffle(za, swap), crossEven);
                squares.Put(start + i, za * za);

                var xb = Vector128.LoadUnsafe(ref p, (nuint)((2 * i) + 2));
                var yb = Vector128.FusedMultiplyAdd(na1, ya, Vector128.FusedMultiplyAdd(na2, y1, Vector128.FusedMultiplyAdd(b2, x1, Vector128.FusedMultiplyAdd(b1, xa, b0 * xb))));
                var zb = Vector128.FusedMultiplyAdd(nc1, za, Vector128.FusedMultiplyAdd(nc2, z1, yb - (two * ya) + y1));
                odd = Vector128.FusedMultiplyAdd(zb, zb, odd);
                crossOdd = Vector128.FusedMultiplyAdd(zb, Vector128.Shuffle(zb, swap), crossOdd);
                squares.Put(start + i + 1, zb * zb);

                (x2, x1, y2, y1, z2, z1) = (xa, xb, ya, yb, za, zb);
            }

            if (i < frames)
            {
                var xa = Vector128.LoadUnsafe(ref p, (nuint)(2 * i));
                var ya = Vector128.FusedMultiplyAdd(na1, y1, Vector128.FusedMultiplyAdd(na2, y2, Vector128.FusedMultiplyAdd(b2, x2, Vector128.FusedMultiplyAdd(b1, x1, b0 * xa))));
                var za = Vector128.FusedMultiplyAdd(nc1, z1, Vector128.FusedMultiplyAdd(nc2, z2, ya - (two * y1) + y2));
                even = Vector128.FusedMultiplyAdd(za, za, even);
                crossEven = Vector128.FusedMultiplyAdd(za, Vector128.Shuffle(za, swap), crossEven);
                squares.Put(start + i, za * za);
                (x2, x1, y2, y1, z2, z1) = (x1, xa, y1, ya, z1, za);
            }

            for (var c = 0; c < 2; c++)
            {
                var s = c * StateLength;
                state[s] = x1[c];
                state[s + 1] = x2[c];
                state[s + 2] = Denormals.Flush(y1[c]);
                state[s + 3] = Denormals.Flush(y2[c]);
                state[s + 4] = Denormals.Flush(z1[c]);
                state[s + 5] = Denormals.Flush(z2[c]);
            }

            return (even + odd, (crossEven + crossOdd)[0]);
        }
    }
}
