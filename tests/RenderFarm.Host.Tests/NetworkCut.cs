using System.Globalization;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// Cuts one process off from some loopback ports for a while, leaving every other process as it was: the
/// process is moved into a net_cls cgroup of its own (its sockets take the group's class id with it) and
/// an nftables rule drops what that class sends to the ports; the cut ends by deleting the rule. Everything
/// stays on this machine. Needs root with CAP_NET_ADMIN and CAP_SYS_ADMIN (nft, mounting the net_cls
/// hierarchy when it is not), as CI has.
/// </summary>
internal sealed class NetworkCut : IDisposable
{
    private const string Hierarchy = "/sys/fs/cgroup/net_cls";
    private readonly string _table = $"renderfarm_cut_{Guid.NewGuid():N}"[..24];
    private readonly string _group;
    private readonly uint _classId;

    public NetworkCut()
    {
        if (!File.Exists(Path.Combine(Hierarchy, "cgroup.procs")))
        {
            Directory.CreateDirectory(Hierarchy);
            Tools.Run("mount", "-t", "cgroup", "-o", "net_cls", "net_cls", Hierarchy);
        }

        _classId = 0x00100000u | (uint)Random.Shared.Next(1, 0xffff);
        _group = Path.Combine(Hierarchy, _table);
        Directory.CreateDirectory(_group);
        File.WriteAllText(Path.Combine(_group, "net_cls.classid"), _classId.ToString(CultureInfo.InvariantCulture));
        Tools.Run("nft", "add", "table", "inet", _table);
        Tools.Run("nft", "add", "chain", "inet", _table, "out", "{ type filter hook output priority 0; policy accept; }");
    }

    /// <summary>Drops what process <paramref name="pid"/> (and its children) sends to the ports, for <paramref name="duration"/>.</summary>
    public async Task Cut(int pid, IReadOnlyCollection<int> ports, TimeSpan duration, CancellationToken ct)
    {
        File.WriteAllText(Path.Combine(_group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        var list = string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        Tools.Run("nft", "add", "rule", "inet", _table, "out", "meta", "cgroup", _classId.ToString(CultureInfo.InvariantCulture), "tcp", "dport", $"{{ {list} }}", "drop");
        try
        {
            await Task.Delay(duration, ct);
        }
        finally
        {
            Tools.Run("nft", "flush", "chain", "inet", _table, "out");
            Release();
        }
    }

    public void Dispose()
    {
        Release();
        Tools.Run("nft", "delete", "table", "inet", _table);
        Directory.Delete(_group);
    }

    // Every process of the group back to the root group (a process that ended is gone from it already).
    private void Release()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(_group, "cgroup.procs")))
        {
            try
            {
                File.WriteAllText(Path.Combine(Hierarchy, "cgroup.procs"), line);
            }
            catch (IOException)
            {
                // (it ended meanwhile)
            }
        }
    }
}
