using System.Diagnostics;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>A private Redis and RabbitMQ (Debian's servers, started by infra/services.sh on free loopback ports) for one test.</summary>
internal sealed class LocalServices : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly string _directory;

    private LocalServices(string directory, IReadOnlyDictionary<string, string> settings)
    {
        _directory = directory;
        Settings = settings;
    }

    /// <summary>Farm__Redis, Farm__RabbitMq and the RabbitMQ user and password for the silos.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The passwords of Redis and RabbitMQ (random for each start), which no log may hold.</summary>
    public IEnumerable<string> Secrets =>
    [
        Settings["Farm__Redis"].Split(",password=")[1],
        Settings["Farm__RabbitMqPassword"],
    ];

    /// <summary>Starts both; a consumer timeout given lowers RabbitMQ's (a day by default) and has it looked at every second.</summary>
    public static LocalServices Start(string directory, TimeSpan? consumerTimeout = null)
    {
        var environment = consumerTimeout is { } timeout
            ? new Dictionary<string, string> { ["RABBITMQ_CONSUMER_TIMEOUT_MS"] = ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : NoEnvironment;
        var output = Run(environment, "start", directory, Ports.FreeText(), Ports.FreeText(), Ports.FreeText());
        var settings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("Farm__", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        return new LocalServices(directory, settings);
    }

    /// <summary>Stops Redis or RabbitMQ ("redis", "rabbitmq") and starts it again on its port with its data; how long it was away.</summary>
    public TimeSpan Restart(string which)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Run(NoEnvironment, "restart", which, _directory);
        return clock.Elapsed;
    }

    /// <summary>The loopback ports of Redis and RabbitMQ.</summary>
    public IReadOnlyList<int> ServicePorts =>
    [
        int.Parse(Settings["Farm__Redis"].Split(',')[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture),
        new Uri(Settings["Farm__RabbitMq"]).Port,
    ];

    /// <summary>Redis refuses every write (or takes them again): a store that answers but will not keep anything.</summary>
    public void RefuseWrites(bool refuse) => Run(NoEnvironment, "writes", refuse ? "refuse" : "allow", _directory);

    /// <summary>RabbitMQ's own log (what the broker did to the farm's channels).</summary>
    public string RabbitMqLog() =>
        string.Join('\n', Directory.GetFiles(Path.Combine(_directory, "rabbitmq", "log"), "*.log").Select(File.ReadAllText));

    public void Dispose() => Run(NoEnvironment, "stop", _directory);

    private static string Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(Material.Repository, "infra", "services.sh")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"services.sh {arguments[0]} failed: {error.Result}{output.Result}");
    }
}
