using System.Globalization;
using System.Text;

namespace RenderFarm.Testing;

/// <summary>
/// Seeded mutation fuzzing for the parsers: each input is a valid seed mutated a few times (bits flipped,
/// bytes set, 32- and 64-bit fields set to edge values, truncated, cut, spliced; for text, JSON-aware
/// edits), handed to the parser on a thread of its own with a time limit, and judged: it must end in a
/// result or in the error the parser promises, never anything else, never hang, and never allocate more
/// than the limit (which catches allocations driven by a size field). Every failure names the seed and
/// iteration that reproduces it.
/// </summary>
public static class Fuzz
{
    private static readonly uint[] EdgeValues = [0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];
    private const string JsonCharacters = "{}[]\",:-0123456789eE.ntfa\\";
    private static readonly string[] JsonEdges =
        ["1e308", "-1e308", "1e-320", "-0", "0", "99999999999999999999", "-2147483649", "3.5", "true", "null", "\"\"", "[]", "{}", "\"x\"", "1e400"];

    /// <summary>One mutant of <paramref name="seed"/>: one to four edits chosen by <paramref name="random"/>.</summary>
    public static byte[] Mutate(byte[] seed, Random random)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(random);
        var data = new List<byte>(seed);
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            if (data.Count == 0)
            {
                data.Add((byte)random.Next(256));
                continue;
            }

            var at = random.Next(data.Count);
            switch (random.Next(8))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                case 3:
                    // A size or count field set to an edge value, little- or big-endian (RIFF or AIFF).
                    var value = EdgeValues[random.Next(EdgeValues.Length)];
                    var bytes = BitConverter.GetBytes(value);
                    if (random.Next(2) == 0)
                    {
                        Array.Reverse(bytes);
                    }

                    // Fields sit on even offsets in both containers: aim there most of the time.
                    var start = random.Next(3) == 0 ? at : at & ~1;
                    for (var i = 0; i < 4 && start + i < data.Count; i++)
                    {
                        data[start + i] = bytes[i];
                    }

                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5:
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 64)));
                    break;
                case 6:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                default:
                    var from = random.Next(data.Count);
                    var length = Math.Min(data.Count - from, random.Next(1, 256));
                    data.InsertRange(at, data.GetRange(from, length));
                    break;
            }
        }

        return [.. data];
    }

    /// <summary>One mutant of a JSON document: text edits, numbers and values swapped for edge cases, long strings, deep nesting.</summary>
    public static string MutateJson(string seed, Random random)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(random);
        var text = new StringBuilder(seed);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            if (text.Length == 0)
            {
                text.Append('{');
                continue;
            }

            // Mostly values swapped (they reach the checks of each field); some syntax broken (the parser's own errors).
            var at = random.Next(text.Length);
            switch (random.Next(20) switch { < 3 => 0, < 5 => 1, < 15 => 2, < 17 => 4, < 19 => 5, _ => 6 })
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, JsonCharacters[random.Next(JsonCharacters.Length)]);
                    break;
                case 2:
                    // A value (number, string, literal) replaced by an edge case.
                    var value = NextValue(text, at);
                    if (value is { } v)
                    {
                        text.Remove(v.Start, v.Length).Insert(v.Start, JsonEdges[random.Next(JsonEdges.Length)]);
                    }

                    break;
                case 4:
                    var s = NextValue(text, at);
                    if (s is { } str && text[str.Start] == '"')
                    {
                        text.Remove(str.Start, str.Length).Insert(str.Start, "\"" + new string('a', random.Next(2) == 0 ? 300 : 100_000) + "\"");
                    }

                    break;
                case 5:
                    text.Remove(at, text.Length - at);
                    break;
                default:
                    var depth = random.Next(2) == 0 ? 40 : 5000;
                    var v2 = NextValue(text, at);
                    if (v2 is { } nest)
                    {
                        text.Insert(nest.Start + nest.Length, new string(']', depth)).Insert(nest.Start, new string('[', depth));
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Runs <paramref name="parse"/> on a thread of its own: a result, or an exception <paramref name="promised"/>
    /// accepts. Anything else, a run past <paramref name="timeout"/>, or more than <paramref name="maxAllocatedBytes"/>
    /// allocated fails with <paramref name="what"/> in the message. Returns the exception the parser gave, or null.
    /// </summary>
    public static Exception? Judge(string what, Action parse, Func<Exception, bool> promised, TimeSpan timeout, long maxAllocatedBytes)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(promised);
        Exception? thrown = null;
        long allocated = 0;
        var run = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                parse();
            }
            catch (Exception e)
            {
                thrown = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!run.Wait(timeout))
        {
            throw new TimeoutException($"{what}: still running after {timeout.TotalSeconds:0} s (a hang)");
        }

        if (thrown is not null && !promised(thrown))
        {
            throw new InvalidOperationException($"{what}: {thrown.GetType().Name} is not the promised error: {thrown.Message}", thrown);
        }

        if (allocated > maxAllocatedBytes)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: allocated {allocated / 1048576.0:0.0} MB, over the {maxAllocatedBytes / 1048576.0:0.0} MB limit ({thrown?.Message ?? "no error"})"));
        }

        return thrown;
    }

    /// <summary>
    /// Runs <paramref name="iterations"/> mutants through <paramref name="parse"/>, judging each (see <see cref="Judge"/>):
    /// <paramref name="field"/> gives the field a promised error names, or null for any other exception (a failure).
    /// Returns how many were accepted and refused, and the fields the refusals named.
    /// </summary>
    public static FuzzSummary Campaign<T>(string what, int iterations, int seed, Func<Random, T> mutant, Action<T> parse, Func<Exception, string?> field, TimeSpan timeout, long maxAllocatedBytes)
    {
        ArgumentNullException.ThrowIfNull(mutant);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(field);
        var random = new Random(seed);
        var (accepted, refused) = (0, 0);
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < iterations; i++)
        {
            var input = mutant(random);
            var error = Judge($"{what} iteration {i} (seed {seed})", () => parse(input), e => field(e) is { Length: > 0 }, timeout, maxAllocatedBytes);
            if (error is null)
            {
                accepted++;
            }
            else
            {
                refused++;
                fields.Add(field(error)!);
            }
        }

        return new FuzzSummary(what, iterations, accepted, refused, fields);
    }

    // The span of the JSON value (number, string or literal) at or after position at, or null.
    private static (int Start, int Length)? NextValue(StringBuilder text, int at)
    {
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = i + 1;
                while (end < text.Length && !(text[end] == '"' && text[end - 1] != '\\'))
                {
                    end++;
                }

                return end < text.Length ? (i, end - i + 1) : null;
            }

            if (char.IsDigit(c) || c == '-' || c is 't' or 'f' or 'n')
            {
                var end = i;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '+' or '.'))
                {
                    end++;
                }

                return (i, end - i);
            }
        }

        return null;
    }
}

/// <summary>What a fuzzing campaign saw: mutants accepted (parsed, read) and refused, and the fields the refusals named.</summary>
public sealed record FuzzSummary(string What, int Iterations, int Accepted, int Refused, IReadOnlySet<string> Fields)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{What}: {Iterations} mutants, {Accepted} accepted, {Refused} refused naming {Fields.Count} fields, among them {string.Join(", ", Shapes().Take(16))}");

    // The fields without positions and indices ("$.tracks[].gain_db", "'fmt ' chunk"), printable ones only.
    private IEnumerable<string> Shapes() => Fields
        .Select(f => System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(f, @" \(line \d+, column \d+\)", string.Empty), @"\[\d+\]", "[]"))
        .Where(f => f.Length < 60 && f.All(c => c is >= ' ' and < '\x7f'))
        .Distinct(StringComparer.Ordinal)
        .OrderBy(f => f.Length);
}
