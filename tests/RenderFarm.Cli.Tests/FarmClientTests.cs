using System.Net;
using System.Net.Sockets;
using System.Text;
using RenderFarm.Cli.Commands;

namespace RenderFarm.Cli.Tests;

/// <summary>
/// The farm client against a real HTTP server on loopback that answers as a farm does while a silo stops:
/// 503 with Retry-After (the host's answer when the cluster could not answer a grain call), or nothing at all.
/// </summary>
public sealed class FarmClientTests : IDisposable
{
    private const string Catalog = """
        {"catalogId":"c1","name":"album","status":"Succeeded","paused":false,"priority":50,"progress":1.0,
         "titles":[{"titleId":"c1-001","catalogId":"c1","progress":1.0,"status":"Succeeded","stage":"done","spec":{"source":"a.wav"}}]}
        """;

    private const string Unavailable = """{"title":"farm unavailable","status":503,"detail":"the farm did not answer in time (TimeoutException): a silo may be stopping or starting; try again in 1 s"}""";

    private readonly HttpListener _listener = new();
    private readonly List<DateTimeOffset> _asked = [];
    private readonly InstantTime _time = new();

    public FarmClientTests()
    {
        Address = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
    }

    private string Address { get; }

    [Fact]
    public async Task Watch_WaitsOutA503WithRetryAfter_AndEndsWithTheCatalogue()
    {
        var serving = Serve(n => n <= 2 ? (503, Unavailable) : (200, Catalog));
        using var farm = new FarmClient(Address) { Time = _time };
        using var output = new StringWriter();

        var exit = await WatchCommand.Follow(farm, "c1", output);

        Assert.Equal(0, exit);
        Assert.Contains("c1 'album': Succeeded", output.ToString(), StringComparison.Ordinal);
        await StopServing(serving);
        Assert.Equal(3, _asked.Count);

        // Retry-After: 1 was honoured (at least a second between asks), not a busy loop.
        Assert.All(_asked.Zip(_asked.Skip(1)), p => Assert.True(p.Second - p.First >= TimeSpan.FromSeconds(0.9), $"asked again after {(p.Second - p.First).TotalSeconds:F2} s"));
    }

    [Fact]
    public async Task Get_GivesUpAfterItsPatience_WithTheFarmsReason()
    {
        var serving = Serve(_ => (503, Unavailable));
        using var farm = new FarmClient(Address) { ReadPatience = TimeSpan.FromSeconds(3.5), Time = _time };
        var started = _time.GetTimestamp();

        var e = await Assert.ThrowsAsync<FarmUnavailableException>(() => farm.Get("api/catalogs/c1"));

        Assert.InRange(_time.GetElapsedTime(started).TotalSeconds, 2.5, 3.5);
        Assert.Contains("a silo may be stopping or starting", e.Message, StringComparison.Ordinal);
        await StopServing(serving);
        Assert.InRange(_asked.Count, 3, 4);
    }

    [Fact]
    public async Task Get_OfAFarmThatNeverAnswers_IsAFarmError_NotACancelledTask()
    {
        var serving = Serve(_ => (-1, string.Empty));
        using var farm = new FarmClient(Address, TimeSpan.FromSeconds(0.5)) { ReadPatience = TimeSpan.FromSeconds(2), Time = _time };

        var e = await Assert.ThrowsAsync<FarmUnavailableException>(() => farm.Get("api/catalogs/c1"));

        Assert.Contains("did not answer within", e.Message, StringComparison.Ordinal);
        Assert.Contains(Address, e.Message, StringComparison.Ordinal);
        await StopServing(serving);
        Assert.True(_asked.Count >= 2, $"asked {_asked.Count} times");
    }

    [Fact]
    public async Task Post_IsSentOnce_EvenWhenTheFarmAnswers503()
    {
        var serving = Serve(_ => (503, Unavailable));
        using var farm = new FarmClient(Address);

        var e = await Assert.ThrowsAsync<FarmUnavailableException>(() => farm.Post("api/catalogs", new { name = "x" }));

        Assert.Contains("try again", e.Message, StringComparison.Ordinal);
        await StopServing(serving);
        Assert.Single(_asked);
    }

    [Fact]
    public async Task AnErrorPageThatIsNotJson_IsItsText()
    {
        var serving = Serve(_ => (502, "<html>Bad Gateway from the proxy</html>"));
        using var farm = new FarmClient(Address);

        var e = await Assert.ThrowsAsync<FarmClientException>(() => farm.Get("api/catalogs/c1"));

        Assert.Contains("Bad Gateway from the proxy", e.Message, StringComparison.Ordinal);
        await StopServing(serving);
    }

    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Answers each request with <paramref name="answer"/>(its number from 1): a status and body (status -1: no answer, the connection held open).</summary>
    private Task Serve(Func<int, (int Status, string Body)> answer) => Task.Run(async () =>
    {
        var held = new List<HttpListenerContext>();
        try
        {
            while (true)
            {
                var context = await _listener.GetContextAsync();
                int n;
                lock (_asked)
                {
                    _asked.Add(_time.GetUtcNow());
                    n = _asked.Count;
                }

                var (status, body) = answer(n);
                if (status < 0)
                {
                    held.Add(context);
                    continue;
                }

                context.Response.StatusCode = status;
                if (status == 503)
                {
                    context.Response.Headers["Retry-After"] = "1";
                }

                context.Response.ContentType = body.StartsWith('<') ? "text/html" : "application/json";
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // the listener was closed: the test is done
        }
        finally
        {
            held.ForEach(c => c.Response.Abort());
        }
    });

    private async Task StopServing(Task serving)
    {
        _listener.Stop();
        await serving;
    }
}
