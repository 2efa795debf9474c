namespace RenderFarm.Host.Hosting;

/// <summary>
/// How this process joins the farm. With nothing configured it is the embedded default: one silo on
/// localhost, an in-memory bus, grain state in files under <see cref="DataDirectory"/>. With
/// <see cref="Redis"/> and <see cref="RabbitMq"/> set it is a silo of a cluster.
/// </summary>
public sealed class FarmOptions
{
    public const string Section = "Farm";

    /// <summary>Where the embedded default keeps grain state (default: .renderfarm under the working folder).</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.CurrentDirectory, ".renderfarm");

    /// <summary>The shared media folder: sources come from it, outputs go into it (default: media under the working folder).</summary>
    public string MediaRoot { get; set; } = Path.Combine(Environment.CurrentDirectory, "media");

    /// <summary>Redis for Orleans membership, grain state and reminders (e.g. <c>localhost:6379</c>); null for the embedded default.</summary>
    public string? Redis { get; set; }

    /// <summary>RabbitMQ's address (e.g. <c>rabbitmq://localhost/</c>); null for the in-memory bus.</summary>
    public Uri? RabbitMq { get; set; }

    public string RabbitMqUser { get; set; } = "guest";

    public string RabbitMqPassword { get; set; } = "guest";

    /// <summary>The host name other silos reach this one by (a container's name); null: loopback, for silos on one machine.</summary>
    public string? AdvertisedHost { get; set; }

    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans' client gateway: 0 (the default) opens none; nothing in RenderFarm needs one, and any process that reaches it could call grains.</summary>
    public int GatewayPort { get; set; }

    public string ClusterId { get; set; } = "renderfarm";

    public string ServiceId { get; set; } = "renderfarm";

    /// <summary>Renders at once in this process (default: one per core).</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>This silo's name in task records (default: machine and process id).</summary>
    public string? Name { get; set; }

    /// <summary>Seconds without a lease renewal (workers renew every second, straight to the task) after which a claimed attempt is abandoned and the task dispatched again.</summary>
    public double HeartbeatTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds a command may wait on the bus unclaimed before it is sent again (each wait twice the last, up to an hour).</summary>
    public double QueueTimeoutSeconds { get; set; } = 900;

    /// <summary>Hours an attempt may run, renewing or not, before it is abandoned as hung and tried again.</summary>
    public double RunTimeoutHours { get; set; } = 12;

    /// <summary>
    /// On SIGTERM the silo takes no new render and lets those it runs finish for this long; those still
    /// running then are cancelled and their messages go back to the queue for other silos.
    /// </summary>
    public double ShutdownGraceSeconds { get; set; } = 60;

    /// <summary>
    /// How long a grain call waits for its answer (Orleans' response timeout); a call to a silo that stopped
    /// answering (frozen, or gone before membership says so) fails after it, and the API answers 503.
    /// </summary>
    public double GrainCallTimeoutSeconds { get; set; } = 30;

    /// <summary>The most one upload (<c>POST /api/uploads</c>) may hold, all files together.</summary>
    public long MaxUploadMegabytes { get; set; } = 4096;

    /// <summary>
    /// The password of the first account (admin) that the first start of a farm makes; unset, a random one is
    /// written to DataDirectory/admin-password. Give it through the environment (an env file), not arguments.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>How long a sign-in lasts without use (sliding), in hours.</summary>
    public double SignInHours { get; set; } = 12;

    /// <summary>Sign-in attempts (page or API) allowed per client address and minute; more get a 429.</summary>
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>Fault injection for chaos runs: the share of tasks, in percent, whose first attempt hangs without heartbeats (0: none).</summary>
    public double HangPercent { get; set; }

    /// <summary>How long such an attempt stays silent, in seconds, before it asks its task whether its claim still holds (and renders only then).</summary>
    public double HangSeconds { get; set; } = 30;

    public bool IsCluster => Redis is not null;
}
