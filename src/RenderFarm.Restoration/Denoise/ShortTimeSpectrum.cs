using System.Numerics;
using NWaves.Windows;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Spectral;

namespace RenderFarm.Restoration.Denoise;

/// <summary>
/// The short-time spectrum de-noise and its noise profile share: frames of about 40 ms (a power of two: 2048
/// samples at 44.1 and 48 kHz), a square-root periodic Hann window on the way in and again on the way out (at a
/// hop of half a frame the two windows overlap-add to one, so unity gains give the input back), and
/// the transforms of <see cref="SplitRealFft"/>. The window is NWaves' Hann; the FFT is ours (it measures
/// several times faster than NWaves' <c>RealFft</c>, see the benchmark README).
/// </summary>
internal sealed class ShortTimeSpectrum
{
    private readonly SplitRealFft _fft;
    private readonly float[] _window;
    private readonly float[] _frame;

    public ShortTimeSpectrum(int sampleRate)
    {
        Size = SizeFor(sampleRate);
        Bins = (Size / 2) + 1;
        _fft = new SplitRealFft(Size);
        // Periodic Hann of N: the symmetric one of N + 1 without its last point.
        var hann = Window.Hann(Size + 1);
        _window = new float[Size];
        for (var i = 0; i < Size; i++)
        {
            _window[i] = MathF.Sqrt(Math.Max(hann[i], 0f));
        }

        _frame = new float[Size];
        Re = new float[Bins];
        Im = new float[Bins];
    }

    public int Size { get; }

    public int Bins { get; }

    /// <summary>The real parts of the last frame's bins (the caller may change them before <see cref="Synthesise"/>).</summary>
    public float[] Re { get; }

    public float[] Im { get; }

    /// <summary>The frame length for <paramref name="sampleRate"/>: the power of two at or above 40 ms (256 at least).</summary>
    public static int SizeFor(int sampleRate) => (int)Math.Max(256, BitOperations.RoundUpToPowerOf2((uint)Math.Ceiling(0.04 * sampleRate)));

    /// <summary>The window's power gain: the mean square of the window (a bin of white noise of variance v holds N·v·this on average).</summary>
    public const double WindowPower = 0.5;

    /// <summary>
    /// The mean square of a signal (per channel) whose one-sided bin powers (bins 1 to N/2 - 1 counted twice,
    /// DC and Nyquist once) add up to <paramref name="power"/> over <paramref name="channels"/> channels, in frames
    /// of <paramref name="size"/>: Parseval, less the window's gain.
    /// </summary>
    public static double MeanSquare(double power, int size, int channels) => power / ((double)size * size * WindowPower * channels);

    /// <summary>Windows <paramref name="samples"/> (<see cref="Size"/> of them) and transforms them into <see cref="Re"/> and <see cref="Im"/>.</summary>
    public void Analyse(ReadOnlySpan<float> samples)
    {
        VectorMath.Multiply(samples[..Size], _window, _frame);
        _fft.Forward(_frame, Re, Im);
    }

    /// <summary>The power of each bin of the last frame into <paramref name="power"/>.</summary>
    public void Power(Span<float> power)
    {
        for (var k = 0; k < Bins; k++)
        {
            power[k] = (Re[k] * Re[k]) + (Im[k] * Im[k]);
        }
    }

    /// <summary>
    /// Transforms <see cref="Re"/> and <see cref="Im"/> back, windows the frame again and adds it into
    /// <paramref name="output"/> (<see cref="Size"/> long), for an overlap of half a frame.
    /// </summary>
    public void Synthesise(Span<float> output)
    {
        _fft.Inverse(Re, Im, _frame);
        // Two overlapping frames of Hann (the square-root window twice) sum to 1.
        VectorMath.MultiplyAdd(_frame, _window, output[..Size]);
    }
}
