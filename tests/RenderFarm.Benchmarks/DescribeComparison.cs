using System.Diagnostics;
using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Inspection;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>
/// What a back catalogue's submission reads of each source, side by side with the anchor: a tree of FILES
/// tagged sources (FLAC, MP3 and WAV in turn, 3 s of a rendered song each, artist/album/track folders)
/// described by <see cref="AudioFile.Describe"/> (stream and tags from the headers) and by one ffprobe run
/// per file asking for the same (stream and tags), each over the whole tree two at a time (one per core),
/// best of 3. Every file's tags from both are compared (title, artist, album, track).
/// </summary>
internal static class DescribeComparison
{
    private static readonly string[] Compared = ["title", "artist", "album", "track"];

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var tree = Tree(count);
        var files = Directory.GetFiles(tree, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"{files.Length} sources under {tree} ({files.Count(f => f.EndsWith(".flac", StringComparison.Ordinal))} FLAC, {files.Count(f => f.EndsWith(".mp3", StringComparison.Ordinal))} MP3, {files.Count(f => f.EndsWith(".wav", StringComparison.Ordinal))} WAV)");
        var ours = new AudioDescription[files.Length];
        var theirs = new string[files.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var describe = Best(3, () => Parallel.For(0, files.Length, parallel, i => ours[i] = AudioFile.Describe(files[i])));
        var probe = Best(3, () => Parallel.For(0, files.Length, parallel, i => theirs[i] = Ffprobe(files[i])));

        var mismatches = 0;
        for (var i = 0; i < files.Length; i++)
        {
            using var json = System.Text.Json.JsonDocument.Parse(theirs[i]);
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var place in new[] { json.RootElement.GetProperty("format"), json.RootElement.GetProperty("streams")[0] })
            {
                if (place.TryGetProperty("tags", out var t))
                {
                    foreach (var p in t.EnumerateObject())
                    {
                        tags.TryAdd(p.Name, p.Value.GetString() ?? string.Empty);
                    }
                }
            }

            if (Compared.Any(k => tags.GetValueOrDefault(k) != ours[i].Tags.GetValueOrDefault(k)))
            {
                mismatches++;
            }
        }

        var native = ours.Count(d => d.ReadBy == AudioDescription.Native);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AudioFile.Describe   {describe,8:0.000} s  {describe / files.Length * 1000,7:0.000} ms a file  ({native} read from the headers, {files.Length - native} by ffprobe)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ffprobe per file     {probe,8:0.000} s  {probe / files.Length * 1000,7:0.000} ms a file"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio                {probe / describe,8:0.0}x faster; tags differing from ffprobe's: {mismatches} of {files.Length}"));
        return mismatches == 0 ? 0 : 1;
    }

    private static double Best(int runs, Action work)
    {
        var best = double.MaxValue;
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            work();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static string Ffprobe(string path)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels,channel_layout,duration:format=format_name,duration:format_tags:stream_tags", "-of", "json", path })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    // COUNT tagged sources in artist/album folders, made once into the benchmark cache with ffmpeg.
    private static string Tree(int count)
    {
        var root = Path.Combine(Material.Root, "benchmarks", $"describe-{count}");
        if (Directory.Exists(root) && Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length == count)
        {
            return root;
        }

        var seeds = Path.Combine(Material.Root, "benchmarks", "describe-seeds");
        Directory.CreateDirectory(seeds);
        foreach (var (ext, codec) in new[] { ("flac", "flac"), ("mp3", "libmp3lame"), ("wav", "pcm_s16le") })
        {
            Tools.Ffmpeg("-ss", "30", "-t", "3", "-i", Material.Song(1), "-c:a", codec, Path.Combine(seeds, $"seed.{ext}"));
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var ext = (i % 3) switch { 0 => "flac", 1 => "mp3", _ => "wav" };
            var (artist, album, track) = (i / 100, i / 10 % 10, (i % 10) + 1);
            var folder = Path.Combine(root, $"Artist {artist}", $"Album {album}");
            Directory.CreateDirectory(folder);
            Tools.Ffmpeg("-i", Path.Combine(seeds, $"seed.{ext}"), "-c", "copy", "-metadata", $"artist=Artist {artist}", "-metadata", $"album=Album {album}",
                "-metadata", $"title=Song {track}", "-metadata", $"track={track}", Path.Combine(folder, $"{track:00} song.{ext}"));
        });
        return root;
    }
}
