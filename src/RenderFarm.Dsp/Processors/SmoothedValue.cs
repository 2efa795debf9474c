namespace RenderFarm.Dsp.Processors;

/// <summary>
/// A parameter that moves to a new target in a straight line over a fixed number of samples,
/// so that a change never steps (no zipper noise) and always arrives exactly.
/// </summary>
public struct SmoothedValue
{
    private double _current;
    private double _target;
    private double _step;
    private int _remaining;
    private int _rampLength;

    public SmoothedValue(double initial, int rampLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rampLength);
        _current = initial;
        _target = initial;
        _rampLength = rampLength;
    }

    public readonly double Current => _current;

    public readonly double Target => _target;

    public readonly bool IsRamping => _remaining > 0;

    public void SetRampLength(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        _rampLength = samples;
    }

    /// <summary>Starts a ramp from the current value to <paramref name="target"/>.</summary>
    public void SetTarget(double target)
    {
        if (target == _target)
        {
            return;
        }

        _target = target;
        if (_rampLength == 0)
        {
            _current = target;
            _remaining = 0;
            return;
        }

        _remaining = _rampLength;
        _step = (target - _current) / _rampLength;
    }

    /// <summary>Jumps to <paramref name="value"/> at once.</summary>
    public void SetImmediate(double value)
    {
        _current = value;
        _target = value;
        _remaining = 0;
    }

    /// <summary>The value for the next sample.</summary>
    public double Next()
    {
        if (_remaining == 0)
        {
            return _current;
        }

        _remaining--;
        _current = _remaining == 0 ? _target : _current + _step;
        return _current;
    }
}
