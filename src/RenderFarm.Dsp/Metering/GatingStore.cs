namespace RenderFarm.Dsp.Metering;

/// <summary>
/// Where a <see cref="LoudnessMeter"/> keeps its gating blocks (400 ms energies) or short-term readings
/// for the integrated loudness and the loudness range. Only energies above the absolute gate are kept:
/// nothing below it counts in either measure.
/// </summary>
internal abstract class GatingStore
{
    public static GatingStore Create(bool bounded) => bounded ? new HistogramStore() : new ListStore();

    public abstract void Add(double energy);

    public abstract void Clear();

    /// <summary>The sum and count of the energies above <paramref name="threshold"/>.</summary>
    public abstract (double Sum, int Count) SumAbove(double threshold);

    /// <summary>The energies at two fractions (0 to 1, nearest rank) of those above <paramref name="gate"/>; false when there are none.</summary>
    public abstract bool Percentiles(double gate, double lowFraction, double highFraction, out double low, out double high);

    protected static int Rank(int count, double fraction) => (int)Math.Round((count - 1) * fraction, MidpointRounding.AwayFromZero);

    /// <summary>Every energy, exactly: a few bytes per reading.</summary>
    private sealed class ListStore : GatingStore
    {
        private readonly List<double> _energies = [];

        public override void Add(double energy) => _energies.Add(energy);

        public override void Clear() => _energies.Clear();

        public override (double Sum, int Count) SumAbove(double threshold)
        {
            var sum = 0.0;
            var count = 0;
            foreach (var e in _energies)
            {
                if (e > threshold)
                {
                    sum += e;
                    count++;
                }
            }

            return (sum, count);
        }

        public override bool Percentiles(double gate, double lowFraction, double highFraction, out double low, out double high)
        {
            var gated = _energies.Where(e => e > gate).ToArray();
            low = high = 0;
            if (gated.Length == 0)
            {
                return false;
            }

            Array.Sort(gated);
            low = gated[Rank(gated.Length, lowFraction)];
            high = gated[Rank(gated.Length, highFraction)];
            return true;
        }
    }

    /// <summary>
    /// Energies counted and summed in bins of 0.01 LU from the absolute gate (-70 LUFS) to +10 LUFS (louder
    /// ones in the top bin): constant memory (96 KB) whatever the length. Sums are exact; only a block
    /// within 0.01 LU of a relative gate or a percentile can land on the wrong side, which moves the
    /// integrated loudness by far less than 0.01 LU and a loudness range by at most 0.01 LU.
    /// </summary>
    private sealed class HistogramStore : GatingStore
    {
        private const double BottomLufs = -70.0;
        private const double BinLu = 0.01;
        private const int Bins = 8000;

        private readonly int[] _counts = new int[Bins];
        private readonly double[] _sums = new double[Bins];

        public override void Add(double energy)
        {
            var bin = Bin(energy);
            _counts[bin]++;
            _sums[bin] += energy;
        }

        public override void Clear()
        {
            Array.Clear(_counts);
            Array.Clear(_sums);
        }

        public override (double Sum, int Count) SumAbove(double threshold)
        {
            var from = Bin(threshold);
            var sum = 0.0;
            var count = 0;
            if (_counts[from] > 0 && _sums[from] / _counts[from] > threshold)
            {
                sum = _sums[from];
                count = _counts[from];
            }

            for (var b = from + 1; b < Bins; b++)
            {
                sum += _sums[b];
                count += _counts[b];
            }

            return (sum, count);
        }

        public override bool Percentiles(double gate, double lowFraction, double highFraction, out double low, out double high)
        {
            low = high = 0;
            var from = Bin(gate);
            if (_counts[from] > 0 && _sums[from] / _counts[from] <= gate)
            {
                from++;
            }

            var total = 0;
            for (var b = from; b < Bins; b++)
            {
                total += _counts[b];
            }

            if (total == 0)
            {
                return false;
            }

            low = At(from, Rank(total, lowFraction));
            high = At(from, Rank(total, highFraction));
            return true;
        }

        // The mean energy of the bin that holds the rank-th energy counted from bin 'from' up.
        private double At(int from, int rank)
        {
            var seen = 0;
            for (var b = from; b < Bins; b++)
            {
                seen += _counts[b];
                if (seen > rank)
                {
                    return _sums[b] / _counts[b];
                }
            }

            return _sums[Bins - 1] / Math.Max(1, _counts[Bins - 1]);
        }

        private static int Bin(double energy)
        {
            var lufs = LoudnessMeter.ToLufs(energy);
            return double.IsNaN(lufs) ? 0 : (int)Math.Clamp(Math.Floor((lufs - BottomLufs) / BinLu), 0, Bins - 1);
        }
    }
}
