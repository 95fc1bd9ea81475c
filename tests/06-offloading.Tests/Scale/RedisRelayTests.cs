using System.Net;
using Course.Cli;
using Course.Testing;
using Offloading.Scale;
using Snake.Web;
using Xunit;

namespace Offloading.Tests.Scale;

/// <summary>A server whose Redis is not there at all: it starts, serves, and keeps its chat to itself.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RedisRelayTests
{
    [Fact]
    public async Task Without_redis_a_server_starts_serves_and_chats_locally()
    {
        var log = new Transcript();
        int nobody = FreePort.Pick(); // nothing listens there
        var relay = new RedisRelay($"127.0.0.1:{nobody}", new Log(log, "A"), TimeSpan.FromMilliseconds(200));
        await using SnakeServer server = await SnakeServer.StartAsync(
            new SnakeServerOptions(new IPEndPoint(IPAddress.Loopback, 0)) { Name = "A", Relay = relay }, Log.Null);
        Assert.Contains($"A: redis: 127.0.0.1:{nobody} does not answer", log.Raw);

        await using DemoPlayer ann = await DemoPlayer.ConnectAsync(server.EndPoint, "ann", null, CancellationToken.None);
        await ann.SayAsync("hello?");
        Assert.NotNull(await ann.WaitToHearAsync(l => l.Text == "hello?", TimeSpan.FromSeconds(15)));
        Assert.True(await ann.WaitForTickAfterAsync(ann.Tick + 5, TimeSpan.FromSeconds(15)), "the game stopped ticking");

        // The line and the scoreboards could not go anywhere: counted, and no exception escaped.
        await OffloadTests.WaitFor(() => relay.NotRelayed >= 3, "three failed publishes", 15);
        Assert.DoesNotContain("Exception", log.Raw);
    }

    /// <summary>
    /// Something that is not Redis on Redis's port (silent, or answering garbage) costs one line, not the
    /// server. (What a hostile Redis can do to the client library is on the chapter page: Redis is
    /// infrastructure that only our servers may reach.)
    /// </summary>
    [Theory]
    [InlineData("silent")]
    [InlineData("garbage")]
    public async Task Something_else_on_the_redis_port_costs_a_line_not_the_server(string what)
    {
        await using var notRedis = new HostileServer(what == "silent" ? HostileServer.Silent() : HostileServer.Garbage());
        var log = new Transcript();
        var relay = new RedisRelay($"127.0.0.1:{notRedis.EndPoint.Port}", new Log(log, "A"), TimeSpan.FromMilliseconds(200));
        await using SnakeServer server = await SnakeServer.StartAsync(
            new SnakeServerOptions(new IPEndPoint(IPAddress.Loopback, 0)) { Name = "A", Relay = relay }, Log.Null);
        await using DemoPlayer ann = await DemoPlayer.ConnectAsync(server.EndPoint, "ann", null, CancellationToken.None);
        await ann.SayAsync("hello?");
        Assert.NotNull(await ann.WaitToHearAsync(l => l.Text == "hello?", TimeSpan.FromSeconds(15)));
        Assert.True(await ann.WaitForTickAfterAsync(ann.Tick + 5, TimeSpan.FromSeconds(15)), "the game stopped ticking");
        Assert.Equal($"A: redis: 127.0.0.1:{notRedis.EndPoint.Port} does not answer; this server's chat stays here until it does (trying every second)\n", log.Raw);
    }
}
