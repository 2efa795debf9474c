using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Testing;

namespace RenderFarm.Benchmarks;

/// <summary>
/// 200 short mastering jobs (10 s clips of the rendered songs unless told otherwise, to -14 LUFS, one 24-bit WAV each) done
/// in one process without the farm (two at a time, one per core) and through a local cluster of 1, 2
/// and 3 silos on real Redis and RabbitMQ (two renders at a time in all, the same cores), in one run:
/// the farm's overhead ratio, the time from submit to each task's dispatch and start (p50/p99), and
/// throughput.
/// </summary>
internal static class FarmComparison
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<int> Run(string[] args)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var folder = Material.TempFolder("farm-benchmark");
        var media = Path.Combine(folder, "media");
        try
        {
            var clips = Clips(media, seconds);
            File.WriteAllText(Path.Combine(media, "wav-only.json"), """{ "target": "spotify", "deliverables": [ { "format": "wav" } ] }""");
            var sources = Enumerable.Range(0, jobs).Select(i => clips[i % clips.Length]).ToArray();
            Console.WriteLine($"{jobs} mastering jobs of {seconds} s clips, one 24-bit WAV each (a master task and a deliverable task on the farm); machine: {Machine.Describe()}");

            var profile = ProfileLoader.Load(Path.Combine(media, "wav-only.json"));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                new MasteringJob(profile).Run(Path.Combine(media, sources[i]), Path.Combine(folder, "direct", $"{i}")));
            var direct = clock.Elapsed.TotalSeconds;
            var directCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one process, {Environment.ProcessorCount} at a time: {direct:0.00} s, {jobs / direct:0.0} jobs/s, CPU {directCpu:0.00} s"));

            foreach (var silos in new[] { 1, 2, 3 })
            {
                foreach (var run in await Farm(folder, media, silos, sources))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"farm, {silos} silo(s), {run.Label}: {run.Seconds:0.00} s, {jobs / run.Seconds:0.0} jobs/s, overhead {run.Seconds / direct:0.00}x; CPU {run.Cpu:0.00} s ({run.Cpu / directCpu:0.00}x; silos {run.SiloCpu:0.00} s, Redis {run.RedisCpu:0.00} s, RabbitMQ {run.RabbitCpu:0.00} s); submit to dispatch p50 {Percentile(run.DispatchMs, 0.5):0} ms p99 {Percentile(run.DispatchMs, 0.99):0} ms; to start p50 {Percentile(run.StartMs, 0.5):0} ms p99 {Percentile(run.StartMs, 0.99):0} ms"));
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Ten clips from the rendered songs.
    private static string[] Clips(string media, int seconds)
    {
        Directory.CreateDirectory(Path.Combine(media, "clips"));
        var clips = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var name = $"clips/clip{i}.wav";
            Tools.Ffmpeg("-ss", (10 + (i / 4 * 20)).ToString(CultureInfo.InvariantCulture), "-t", seconds.ToString(CultureInfo.InvariantCulture), "-i", Material.Song(i % 4), "-c:a", "pcm_s24le", Path.Combine(media, name));
            clips.Add(name);
        }

        return [.. clips];
    }

    // Each cluster first runs the catalogue on freshly started processes (cold: the silos still compile
    // their code), then once more (warm: a farm that has been running, as it is most of its life).
    private static async Task<IReadOnlyList<FarmRun>> Farm(string folder, string media, int silos, string[] sources)
    {
        var cluster = Path.Combine(folder, $"cluster-{silos}");
        var script = Path.Combine(Material.Repository, "infra", "cluster.sh");
        // The same cores as the one-process run: renders at once across the cluster = the cores.
        Environment.SetEnvironmentVariable("FARM_WORKERS", Math.Max(1, Environment.ProcessorCount / silos).ToString(CultureInfo.InvariantCulture));
        Tools.Run(script, "start", silos.ToString(CultureInfo.InvariantCulture), cluster, media);
        try
        {
            var siloPids = File.ReadAllLines(Path.Combine(cluster, "silos.pid")).Select(int.Parse).ToArray();
            var redisPid = int.Parse(File.ReadAllText(Path.Combine(cluster, "services", "redis", "redis.pid")).Trim(), CultureInfo.InvariantCulture);
            var rabbitPid = int.Parse(File.ReadAllText(Path.Combine(cluster, "services", "rabbitmq", "pid")).Trim(), CultureInfo.InvariantCulture);
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5181/"), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(cluster, "token")).Trim());
            var runs = new List<FarmRun>();
            foreach (var label in new[] { "cold", "warm" })
            {
                var before = (siloPids.Sum(CpuSeconds), CpuSeconds(redisPid), CpuSeconds(rabbitPid));
                var run = await Catalogue(http, sources);
                var (silo, redis, rabbit) = (siloPids.Sum(CpuSeconds) - before.Item1, CpuSeconds(redisPid) - before.Item2, CpuSeconds(rabbitPid) - before.Item3);
                runs.Add(run with { Label = label, SiloCpu = silo, RedisCpu = redis, RabbitCpu = rabbit });
            }

            return runs;
        }
        finally
        {
            Tools.Run(script, "stop", cluster);
        }
    }

    private static async Task<FarmRun> Catalogue(HttpClient http, string[] sources)
    {
        var clock = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative), new { name = "benchmark", sources, profile = "wav-only.json" });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("catalogId").GetString();
        JsonElement snapshot;
        while (true)
        {
            snapshot = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/catalogs/{id}", UriKind.Relative), Json);
            if (snapshot.GetProperty("status").GetString() is not ("Queued" or "Running"))
            {
                break;
            }

            await Task.Delay(100);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (snapshot.GetProperty("status").GetString() != "Succeeded")
        {
            throw new InvalidOperationException($"the benchmark catalogue ended {snapshot.GetProperty("status").GetString()}");
        }

        var created = snapshot.GetProperty("createdAt").GetDateTimeOffset();
        var tasks = await Task.WhenAll(snapshot.GetProperty("titles").EnumerateArray().Select(t =>
            http.GetFromJsonAsync<JsonElement>(new Uri($"api/titles/{t.GetProperty("titleId").GetString()}", UriKind.Relative), Json)));
        // Latency is measured on each title's first task (its master); the deliverable tasks follow it.
        var attempts = tasks.SelectMany(t => t.GetProperty("tasks").EnumerateArray())
            .Where(t => t.GetProperty("spec").GetProperty("kind").GetString() == "Master")
            .Select(t => t.GetProperty("attempts")[0]).ToArray();
        double Ms(JsonElement a, string field) => (a.GetProperty(field).GetDateTimeOffset() - created).TotalMilliseconds;
        return new FarmRun(string.Empty, seconds, [.. attempts.Select(a => Ms(a, "dispatchedAt"))], [.. attempts.Select(a => Ms(a, "startedAt"))], 0, 0, 0);
    }

    // User plus system time of a process so far (clock ticks of 1/100 s in /proc/PID/stat).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double Percentile(double[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round((sorted.Length - 1) * fraction)];
    }

    private sealed record FarmRun(string Label, double Seconds, double[] DispatchMs, double[] StartMs, double SiloCpu, double RedisCpu, double RabbitCpu)
    {
        public double Cpu => SiloCpu + RedisCpu + RabbitCpu;
    }
}
