using System.Globalization;

namespace RenderFarm.Cli.Commands;

/// <summary>A fixed-width table, one row per file, written as results arrive.</summary>
internal sealed class AnalysisTable(TextWriter output)
{
    private bool _headerWritten;

    public void Write(AnalysisOutcome outcome)
    {
        if (!_headerWritten)
        {
            output.WriteLine($"{"Integrated",11} {"LRA",6} {"True peak",10} {"Sample pk",10} {"Max M",8} {"Max S",8} {"PLR",6} {"Duration",10}  File");
            output.WriteLine($"{"LUFS",11} {"LU",6} {"dBTP",10} {"dBFS",10} {"LUFS",8} {"LUFS",8} {"dB",6} {"",10}");
            _headerWritten = true;
        }

        if (outcome.Analysis is not { } a)
        {
            output.WriteLine($"{"error",11} {"",6} {"",10} {"",10} {"",8} {"",8} {"",6} {"",10}  {outcome.Error}");
            return;
        }

        var l = a.Loudness;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{F(l.IntegratedLufs),11} {l.LoudnessRangeLu,6:0.0} {F(l.TruePeakDbtp),10} {F(l.SamplePeakDbfs),10} {F(l.MaxMomentaryLufs),8} {F(l.MaxShortTermLufs),8} {F(l.PlrDb),6} {Duration(l.DurationSeconds),10}  {outcome.File}"));
    }

    private static string F(double value) => double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : "-inf";

    private static string Duration(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
