using System.CommandLine;
using RenderFarm.Audio;
using RenderFarm.Audio.Analysis;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm analyze FILE...</c>: an EBU R128 loudness report per file, as a table or JSON lines.</summary>
internal static class AnalyzeCommand
{
    public const int ExitSomeFailed = 1;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Audio files (WAV, RF64, AIFF natively; FLAC, MP3, AAC, Ogg, Opus... through ffmpeg)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file instead of a table" };
        var series = new Option<bool>("--series") { Description = "With --json, include momentary and short-term loudness every 100 ms" };
        var lraRate = new Option<int>("--lra-rate")
        {
            Description = "Short-term readings per second for the loudness range: 10 (EBU Tech 3342, default) or 1 to match libebur128-based tools",
            DefaultValueFactory = _ => 10,
        };
        lraRate.AcceptOnlyFromAmong("1", "2", "5", "10");
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files analysed at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--jobs must be 1 or more");
            }
        });
        var command = new Command("analyze", "Measure integrated loudness, loudness range, true peak and more (ITU-R BS.1770-4, EBU R128)")
        {
            files, json, series, lraRate, jobs,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            parse.GetValue(json),
            parse.GetValue(series),
            parse.GetValue(jobs),
            Console.Out,
            parse.GetValue(lraRate)));
        return command;
    }

    /// <summary>Analyses the files in parallel and prints results in the order given; returns the exit code.</summary>
    internal static int Run(IReadOnlyList<string> files, bool json, bool series, int jobs, TextWriter output, int lraReadingsPerSecond = 10)
    {
        var results = new AnalysisOutcome?[files.Count];
        var printed = 0;
        var table = json ? null : new AnalysisTable(output);
        var gate = new object();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            AnalysisOutcome outcome;
            try
            {
                outcome = new AnalysisOutcome(files[i], FileAnalyzer.Analyze(files[i], json && series, lraReadingsPerSecond), null);
            }
            catch (Exception e) when (e is AudioFileException or IOException or UnauthorizedAccessException)
            {
                outcome = new AnalysisOutcome(files[i], null, e.Message);
            }

            lock (gate)
            {
                results[i] = outcome;
                for (; printed < results.Length && results[printed] is { } ready; printed++)
                {
                    if (table is null)
                    {
                        output.WriteLine(AnalysisJson.Serialize(ready));
                    }
                    else
                    {
                        table.Write(ready);
                    }
                }

                output.Flush();
            }
        });
        return results.Any(r => r!.Error is not null) ? ExitSomeFailed : 0;
    }
}
