using System.Numerics;
using System.Runtime.InteropServices;

namespace RenderFarm.Dsp.Resampling;

/// <summary>
/// Mastering-grade sample-rate conversion by a rational ratio L/M, streaming. A Kaiser-windowed sinc
/// designed for 140 dB of stopband attenuation, its stopband starting at the lower of the two Nyquist
/// frequencies and its passband flat (well within 0.01 dB) to 0.9 of it, is evaluated as L polyphase
/// branches in double precision. Output sample n is the input interpolated at time n·M/L, so the
/// output is aligned with the input (no delay) once <see cref="Flush"/> has pushed the tail out.
/// </summary>
public sealed class Resampler
{
    /// <summary>Attenuation the filter is designed for; the tests hold it to at least 120 dB.</summary>
    public const double StopbandDb = 140.0;

    /// <summary>Passband edge as a fraction of the lower Nyquist frequency.</summary>
    public const double PassbandFraction = 0.9;

    private const int MaxPhases = 2048;

    private readonly double[][] _phases;
    private readonly double[][] _history;
    private readonly int _half;
    private long _position;
    private long _historyStart;
    private int _historyCount;
    private long _inputFrames;
    private long _outputFrames;

    public Resampler(int inputRate, int outputRate, int channels, int maxBlockFrames)
    {
        Guard.InRange(inputRate, AudioSpec.MinSampleRate, AudioSpec.MaxSampleRate, "input sample rate", "Hz");
        Guard.InRange(outputRate, AudioSpec.MinSampleRate, AudioSpec.MaxSampleRate, "output sample rate", "Hz");
        Guard.InRange(channels, 1, AudioSpec.MaxChannels, "channel count", "channels");
        Guard.InRange(maxBlockFrames, 1, 1 << 20, "maximum block size", "frames");
        var divisor = (int)BigInteger.GreatestCommonDivisor(inputRate, outputRate);
        Up = outputRate / divisor;
        Down = inputRate / divisor;
        if (Up > MaxPhases)
        {
            throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate,
                $"conversion from {inputRate} Hz to {outputRate} Hz needs {Up} phases; at most {MaxPhases} are accepted (use a rate related to the input)");
        }

        InputRate = inputRate;
        OutputRate = outputRate;
        Channels = channels;
        MaxBlockFrames = maxBlockFrames;
        var nyquist = Math.Min(inputRate, outputRate) / 2.0;
        var transition = (1.0 - PassbandFraction) * nyquist;
        var taps = (int)Math.Ceiling((StopbandDb - 7.95) / (2.285 * 2.0 * Math.PI * transition / inputRate));
        _half = (taps + 1) / 2;
        _phases = Design(Up, _half, (PassbandFraction + 1.0) / 2.0 * nyquist / (inputRate / 2.0));
        _history = Enumerable.Range(0, channels).Select(_ => new double[(2 * _half) + maxBlockFrames + 1]).ToArray();
        Reset();
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    public int Channels { get; }

    public int MaxBlockFrames { get; }

    /// <summary>Interpolation factor L.</summary>
    public int Up { get; }

    /// <summary>Decimation factor M.</summary>
    public int Down { get; }

    /// <summary>Input samples each output sample is computed from.</summary>
    public int TapsPerPhase => 2 * _half;

    /// <summary>Output frames a block of <paramref name="inputFrames"/> can produce at most.</summary>
    public int MaxOutputFrames(int inputFrames) => (int)(((long)inputFrames * Up / Down) + 2);

    /// <summary>Output frames for a whole input of <paramref name="inputFrames"/> frames.</summary>
    public long OutputLength(long inputFrames) => ((inputFrames * Up) + Down - 1) / Down;

    public void Reset()
    {
        foreach (var h in _history)
        {
            Array.Clear(h);
        }

        // The history starts with 2H zeros standing for the silence before the first sample.
        _historyStart = -2 * _half;
        _historyCount = 2 * _half;
        _position = 0;
        _inputFrames = 0;
        _outputFrames = 0;
    }

    /// <summary>Takes <paramref name="input"/> and writes the output frames now ready into <paramref name="output"/>; returns how many.</summary>
    public int Process(AudioBlock input, AudioBlock output)
    {
        if (input.Channels != Channels || output.Channels != Channels)
        {
            throw new ArgumentException($"the resampler was made for {Channels} channels");
        }

        if (input.Frames > MaxBlockFrames)
        {
            throw new ArgumentException($"block of {input.Frames} frames is larger than the {MaxBlockFrames} the resampler was made for", nameof(input));
        }

        if (output.Frames < MaxOutputFrames(input.Frames))
        {
            throw new ArgumentException($"output of {output.Frames} frames may be too small for {input.Frames} input frames; give {MaxOutputFrames(input.Frames)}", nameof(output));
        }

        for (var c = 0; c < Channels; c++)
        {
            VectorMath.Widen(input[c], _history[c].AsSpan(_historyCount, input.Frames));
        }

        _historyCount += input.Frames;
        _inputFrames += input.Frames;
        return Produce(output, OutputLength(_inputFrames));
    }

    /// <summary>
    /// After the last input, writes the remaining output (the filter's tail over the silence after the
    /// end) into <paramref name="output"/>; call until it returns 0.
    /// </summary>
    public int Flush(AudioBlock output)
    {
        var total = OutputLength(_inputFrames);
        var done = 0;
        while (_outputFrames < total && done < output.Frames)
        {
            var zeros = Math.Min(_history[0].Length - _historyCount, _half + 1);
            foreach (var h in _history)
            {
                Array.Clear(h, _historyCount, zeros);
            }

            _historyCount += zeros;
            done += Produce(output.Slice(done, output.Frames - done), total);
        }

        return done;
    }

    private int Produce(AudioBlock output, long limit)
    {
        var taps = 2 * _half;
        var produced = 0;
        while (_outputFrames < limit && produced < output.Frames)
        {
            var bases = _position / Up;
            var first = bases - _half + 1;
            if (first + taps > _historyStart + _historyCount)
            {
                break;
            }

            var phase = _phases[(int)(_position % Up)];
            var offset = (int)(first - _historyStart);
            for (var c = 0; c < Channels; c++)
            {
                output[c][produced] = (float)Dot(phase, _history[c].AsSpan(offset, taps));
            }

            produced++;
            _outputFrames++;
            _position += Down;
        }

        // Keep only what the next output still needs.
        var keepFrom = (_position / Up) - _half + 1;
        var drop = (int)Math.Clamp(keepFrom - _historyStart, 0, _historyCount);
        if (drop > 0)
        {
            foreach (var h in _history)
            {
                h.AsSpan(drop, _historyCount - drop).CopyTo(h);
            }

            _historyStart += drop;
            _historyCount -= drop;
        }

        return produced;
    }

    private static double Dot(double[] coefficients, ReadOnlySpan<double> samples)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && samples.Length >= 2 * Vector<double>.Count)
        {
            var a = MemoryMarshal.Cast<double, Vector<double>>(coefficients.AsSpan(0, samples.Length));
            var b = MemoryMarshal.Cast<double, Vector<double>>(samples);
            var even = Vector<double>.Zero;
            var odd = Vector<double>.Zero;
            var v = 0;
            for (; v + 1 < a.Length; v += 2)
            {
                even = Vector.FusedMultiplyAdd(a[v], b[v], even);
                odd = Vector.FusedMultiplyAdd(a[v + 1], b[v + 1], odd);
            }

            for (; v < a.Length; v++)
            {
                even = Vector.FusedMultiplyAdd(a[v], b[v], even);
            }

            sum = Vector.Sum(even + odd);
            i = a.Length * Vector<double>.Count;
        }

        for (; i < samples.Length; i++)
        {
            sum = Math.FusedMultiplyAdd(coefficients[i], samples[i], sum);
        }

        return sum;
    }

    // Branch p, tap k weighs input x[base - H + 1 + k] for the output at time base + p/L.
    private static double[][] Design(int phases, int half, double cutoff)
    {
        var beta = 0.1102 * (StopbandDb - 8.7);
        var result = new double[phases][];
        for (var p = 0; p < phases; p++)
        {
            var taps = new double[2 * half];
            var sum = 0.0;
            for (var k = 0; k < taps.Length; k++)
            {
                var tau = ((double)p / phases) + half - 1 - k;
                var x = cutoff * tau;
                var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var window = Kaiser.Window(tau / half, beta);
                taps[k] = cutoff * sinc * window;
                sum += taps[k];
            }

            for (var k = 0; k < taps.Length; k++)
            {
                taps[k] /= sum;
            }

            result[p] = taps;
        }

        return result;
    }
}
