namespace RenderFarm.Dsp.Metering;

/// <summary>
/// A programme's waveform as compact peak data, whatever its length: per bucket of frames the lowest and
/// highest sample and the RMS over every channel. Buckets start at <c>initialBucketFrames</c>; when there
/// would be more than <c>maxBuckets</c> neighbours merge in pairs and the bucket doubles, so memory is fixed
/// (a two-hour title has between <c>maxBuckets</c>/2 and <c>maxBuckets</c> buckets, like a one-minute one).
/// </summary>
public sealed class WaveformPeaks : IAudioMeter
{
    private readonly int _maxBuckets;
    private readonly int _initialBucketFrames;
    private readonly float[] _min;
    private readonly float[] _max;
    private readonly double[] _squares;
    private int _count;
    private int _inBucket;
    private int _channels;

    public WaveformPeaks(int maxBuckets = 4096, int initialBucketFrames = 64)
    {
        Guard.InRange(maxBuckets, 2, 1 << 20, "waveform buckets", "buckets");
        Guard.InRange(initialBucketFrames, 1, 1 << 20, "waveform bucket", "frames");
        if (maxBuckets % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBuckets), maxBuckets, "waveform buckets: must be even");
        }

        _maxBuckets = maxBuckets;
        _initialBucketFrames = initialBucketFrames;
        _min = new float[maxBuckets];
        _max = new float[maxBuckets];
        _squares = new double[maxBuckets];
        BucketFrames = initialBucketFrames;
    }

    /// <summary>Frames per bucket now.</summary>
    public long BucketFrames { get; private set; }

    public int SampleRate { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _channels = spec.Channels;
        SampleRate = spec.SampleRate;
        Reset();
    }

    public void Reset()
    {
        _count = 0;
        _inBucket = 0;
        BucketFrames = _initialBucketFrames;
    }

    public void Add(AudioBlock block)
    {
        var i = 0;
        while (i < block.Frames)
        {
            if (_inBucket == 0)
            {
                if (_count == _maxBuckets)
                {
                    Merge();
                }

                _min[_count] = float.MaxValue;
                _max[_count] = float.MinValue;
                _squares[_count] = 0;
                _count++;
            }

            var n = (int)Math.Min(BucketFrames - _inBucket, block.Frames - i);
            var b = _count - 1;
            for (var c = 0; c < _channels; c++)
            {
                var samples = block[c].Slice(i, n);
                VectorMath.MinMax(samples, ref _min[b], ref _max[b]);
                _squares[b] += VectorMath.SumOfSquares(samples);
            }

            _inBucket += n;
            i += n;
            if (_inBucket == BucketFrames)
            {
                _inBucket = 0;
            }
        }
    }

    /// <summary>The buckets so far: start time of each is index × <see cref="BucketFrames"/> / rate.</summary>
    public WaveformData GetData()
    {
        var min = new float[_count];
        var max = new float[_count];
        var rms = new float[_count];
        for (var b = 0; b < _count; b++)
        {
            var frames = b == _count - 1 && _inBucket > 0 ? _inBucket : BucketFrames;
            min[b] = _min[b];
            max[b] = _max[b];
            rms[b] = (float)Math.Sqrt(_squares[b] / (frames * (double)_channels));
        }

        return new WaveformData((double)BucketFrames / SampleRate, min, max, rms);
    }

    // Full: pairs of buckets become one of twice the length. The last bucket is whole here (a new one was about to start).
    private void Merge()
    {
        var half = _count / 2;
        for (var b = 0; b < half; b++)
        {
            _min[b] = Math.Min(_min[2 * b], _min[(2 * b) + 1]);
            _max[b] = Math.Max(_max[2 * b], _max[(2 * b) + 1]);
            _squares[b] = _squares[2 * b] + _squares[(2 * b) + 1];
        }

        _count = half;
        BucketFrames *= 2;
    }
}
