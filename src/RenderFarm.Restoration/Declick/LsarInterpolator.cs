namespace RenderFarm.Restoration.Declick;

/// <summary>
/// Least-squares autoregressive interpolation (Janssen, Veldhuis and Vries 1986; Vaseghi): the damaged samples
/// are the values that make the model's prediction error over the stretch as small as it can be, given the
/// good samples around them. With a[0..p] the model and U the damaged positions, the error e = A_u x_u + A_k x_k
/// is least in x_u where (A_u' A_u) x_u = -A_u' A_k x_k; A_u' A_u is banded Toeplitz (its entries are the
/// model's own autocorrelation at |U_i - U_j|), solved by a banded Cholesky in O(m p^2). Needs p good samples
/// before the first damaged one and after the last. Holds its scratch; no allocation after construction.
/// </summary>
internal sealed class LsarInterpolator
{
    private readonly int _order;
    private readonly int _maxUnknowns;
    private readonly double[] _modelCorrelation;
    private readonly double[] _span;
    private readonly double[] _knownError;
    private readonly double[] _rhs;
    private readonly double[] _cholesky;

    public LsarInterpolator(int order, int maxUnknowns, int maxSpan)
    {
        _order = order;
        _maxUnknowns = maxUnknowns;
        _modelCorrelation = new double[order + 1];
        _span = new double[maxSpan + (2 * order)];
        _knownError = new double[maxSpan + (2 * order)];
        _rhs = new double[maxUnknowns];
        _cholesky = new double[maxUnknowns * (order + 1)];
    }

    /// <summary>The most damaged samples one call may rebuild.</summary>
    public int MaxUnknowns => _maxUnknowns;

    /// <summary>The widest stretch (first damaged sample to last) one call may span.</summary>
    public int MaxSpan => _span.Length - (2 * _order);

    /// <summary>Takes the model <paramref name="a"/> (a[0] = 1) for the calls that follow.</summary>
    public void SetModel(ReadOnlySpan<double> a)
    {
        for (var d = 0; d <= _order; d++)
        {
            var sum = 0.0;
            for (var k = 0; k + d <= _order; k++)
            {
                sum += a[k] * a[k + d];
            }

            _modelCorrelation[d] = sum;
        }
    }

    /// <summary>
    /// Rebuilds <paramref name="x"/> at the ascending positions <paramref name="unknowns"/> from the model
    /// <paramref name="a"/> (the one last given to <see cref="SetModel"/>). False, leaving x unchanged, when the
    /// system is not positive definite (a degenerate model).
    /// </summary>
    public bool Interpolate(Span<float> x, ReadOnlySpan<int> unknowns, ReadOnlySpan<double> a)
    {
        var m = unknowns.Length;
        var p = _order;
        if (m == 0)
        {
            return true;
        }

        var first = unknowns[0];
        var last = unknowns[m - 1];
        if (m > _maxUnknowns || last - first + 1 > MaxSpan || first < p || last + p >= x.Length)
        {
            throw new ArgumentException($"{m} damaged samples over {last - first + 1} need {p} good samples either side and at most {_maxUnknowns} over {MaxSpan}");
        }

        // The stretch from p before the first damaged sample to p after the last, the damaged ones set to 0.
        var lo = first - p;
        var length = last + p + 1 - lo;
        var span = _span.AsSpan(0, length);
        for (var i = 0; i < length; i++)
        {
            span[i] = x[lo + i];
        }

        foreach (var u in unknowns)
        {
            span[u - lo] = 0.0;
        }

        // The prediction error of the good samples alone, at every position whose error involves a damaged one.
        var errors = _knownError.AsSpan(0, length);
        for (var n = p; n < length; n++)
        {
            var e = 0.0;
            for (var k = 0; k <= p; k++)
            {
                e += a[k] * span[n - k];
            }

            errors[n] = e;
        }

        var rhs = _rhs.AsSpan(0, m);
        for (var i = 0; i < m; i++)
        {
            var at = unknowns[i] - lo;
            var sum = 0.0;
            for (var d = 0; d <= p; d++)
            {
                sum += a[d] * errors[at + d];
            }

            rhs[i] = -sum;
        }

        if (!Factor(unknowns))
        {
            return false;
        }

        Solve(rhs);
        for (var i = 0; i < m; i++)
        {
            x[unknowns[i]] = (float)rhs[i];
        }

        return true;
    }

    // Banded Cholesky of M[i][j] = r(|U_i - U_j|) (0 beyond the order): L[i][j] kept at i*(p+1) + (i - j).
    private bool Factor(ReadOnlySpan<int> unknowns)
    {
        var p = _order;
        var w = p + 1;
        var l = _cholesky;
        // A whisper of diagonal loading keeps a nearly singular model solvable.
        var loading = 1e-9 * _modelCorrelation[0];
        for (var i = 0; i < unknowns.Length; i++)
        {
            var from = Math.Max(0, i - p);
            for (var j = from; j <= i; j++)
            {
                var distance = unknowns[i] - unknowns[j];
                var s = distance <= p ? _modelCorrelation[distance] : 0.0;
                if (i == j)
                {
                    s += loading;
                }

                for (var k = Math.Max(from, j - p); k < j; k++)
                {
                    s -= l[(i * w) + (i - k)] * l[(j * w) + (j - k)];
                }

                if (i == j)
                {
                    if (!(s > 0.0))
                    {
                        return false;
                    }

                    l[i * w] = Math.Sqrt(s);
                }
                else
                {
                    l[(i * w) + (i - j)] = s / l[j * w];
                }
            }
        }

        return true;
    }

    private void Solve(Span<double> b)
    {
        var p = _order;
        var w = p + 1;
        var l = _cholesky;
        var m = b.Length;
        for (var i = 0; i < m; i++)
        {
            var s = b[i];
            for (var k = Math.Max(0, i - p); k < i; k++)
            {
                s -= l[(i * w) + (i - k)] * b[k];
            }

            b[i] = s / l[i * w];
        }

        for (var i = m - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k <= Math.Min(m - 1, i + p); k++)
            {
                s -= l[(k * w) + (k - i)] * b[k];
            }

            b[i] = s / l[i * w];
        }
    }
}
