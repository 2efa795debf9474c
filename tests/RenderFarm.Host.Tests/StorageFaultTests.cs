using RenderFarm.Grains;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The delivery folder full (a 256 kB tmpfs mounted on <c>renders/</c>) and then unwritable (the folder made
/// immutable, which root cannot write through either): the affected titles fail with a reason that says
/// so and names the file; nothing half-written is left; the host keeps answering; once the folder is
/// writable again, retrying the catalogue renders it. Needs root with CAP_SYS_ADMIN and
/// CAP_LINUX_IMMUTABLE (mount, chattr), as CI has.
/// </summary>
public sealed class StorageFaultTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("storage");
    private readonly string _renders;
    private bool _mounted;

    public StorageFaultTests() => _renders = Path.Combine(_folder, "media", "renders");

    [Fact]
    public async Task DiskFull_AndUnwritableMedia_FailTheirTitlesClearly_AndRetryRendersOnceFixed()
    {
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        Tools.Ffmpeg("-t", "10", "-i", Material.Song(2), "-c:a", "pcm_s24le", Path.Combine(media, "mixes", "song.wav"));
        Directory.CreateDirectory(_renders);
        Tools.Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", _renders);
        _mounted = true;
        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();

        // Full: the master's files do not fit.
        var full = await host.UntilEnded(await host.Submit("mixes"), TimeSpan.FromMinutes(3));
        Assert.Equal(JobStatus.Failed, full.Status);
        var reason = Assert.Single(full.Titles).Error ?? string.Empty;
        Assert.True(reason.Contains("disk full", StringComparison.Ordinal) && reason.Contains(_renders, StringComparison.Ordinal), reason);
        // (the title failed with its first failed deliverable; the others end their attempts, and clear their files, just after)
        var partial = Directory.GetFiles(_renders, "*.partial*", SearchOption.AllDirectories);
        for (var i = 0; i < 150 && partial.Length > 0; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            partial = Directory.GetFiles(_renders, "*.partial*", SearchOption.AllDirectories);
        }

        Assert.True(partial.Length == 0, string.Join(", ", partial.Select(p => Path.GetRelativePath(_renders, p))));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("healthz", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        // Unwritable: the folder is immutable. (The full folder is unmounted once nothing holds a file in it:
        // the title failed with its first failed deliverable, the others' last attempts may still be ending.)
        await Unmount();
        Tools.Run("chattr", "+i", _renders);
        var id = await host.Submit("mixes");
        var refused = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
        Assert.Equal(JobStatus.Failed, refused.Status);
        reason = Assert.Single(refused.Titles).Error ?? string.Empty;
        Assert.True(reason.Contains("not writable", StringComparison.Ordinal) && reason.Contains(_renders, StringComparison.Ordinal), reason);

        // Writable again: a retry renders the catalogue.
        Tools.Run("chattr", "-i", _renders);
        using var retry = await host.Client.PostAsync(new Uri($"api/catalogs/{id}/retry", UriKind.Relative), null, TestContext.Current.CancellationToken);
        retry.EnsureSuccessStatusCode();
        var done = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => t.Error)));
        Assert.All(done.Titles[0].Outputs, o => Assert.True(File.Exists(Path.Combine(media, o.Path)), o.Path));
    }

    public ValueTask DisposeAsync()
    {
        if (_mounted)
        {
            Tools.Run("umount", "-l", _renders);
        }

        if (Directory.Exists(_renders))
        {
            Tools.Run("chattr", "-i", _renders);
        }

        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task Unmount()
    {
        for (var i = 0; i < 60; i++)
        {
            try
            {
                Tools.Run("umount", _renders);
                _mounted = false;
                return;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("busy", StringComparison.Ordinal))
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }

        Tools.Run("umount", "-l", _renders); // still held after 30 s: detached, the folder below is used
        _mounted = false;
    }
}
