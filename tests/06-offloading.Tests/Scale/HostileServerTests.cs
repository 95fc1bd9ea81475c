using System.Net;
using Course.Cli;
using Course.Testing;
using Offloading.Scale;
using Xunit;

namespace Offloading.Tests.Scale;

/// <summary>
/// The demo player does not trust what answers on the port: a message of 2^62 bytes or one that never
/// ends, a welcome that is not JSON, or silence end it with one line, in bounded time and memory.
/// </summary>
public sealed class HostileServerTests
{
    private const string Welcome = "{\"type\":\"welcome\",\"id\":1,\"room\":\"lobby\",\"server\":\"A\",\"width\":40,\"height\":30,\"tickRate\":10}";

    public static TheoryData<string, string> BeforeTheWelcome => new()
    {
        { "silent", "ann: no welcome through haproxy at ws://127.0.0.1:<port>/connect?room=lobby&name=ann within 15 s" },
        { "a frame of 2^62 bytes", "ann: the server sent a message over 256 KiB" },
        { "a message that never ends", "ann: the server sent a message over 256 KiB" },
        { "a welcome that is not JSON", "ann: the server's welcome is not the snake protocol" },
    };

    [Theory]
    [MemberData(nameof(BeforeTheWelcome))]
    public async Task Connecting_ends_in_one_line(string hostile, string expected)
    {
        await using var server = new HostileServer(hostile switch
        {
            "silent" => HostileServer.Silent(),
            "a frame of 2^62 bytes" => HostileWebSocket.Upgrade(HostileWebSocket.HugeFrame()),
            "a message that never ends" => HostileWebSocket.Upgrade(HostileWebSocket.EndlessMessage()),
            _ => HostileWebSocket.Upgrade(HostileServer.Silent(), "welcome!"),
        });
        UserError error = await Assert.ThrowsAsync<UserError>(() =>
            DemoPlayer.ConnectAsync(server.EndPoint, "ann", null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(40)));
        Assert.Equal(expected, Transcript.Normalise(error.Message));
    }

    [Fact]
    public async Task After_the_welcome_a_huge_message_ends_the_listening_in_one_line()
    {
        // Half a second after the welcome, so the test has given the player its log by then.
        await using var server = new HostileServer(HostileWebSocket.Upgrade(async (client, stop) =>
        {
            await Task.Delay(500, stop);
            await HostileWebSocket.HugeFrame()(client, stop);
        }, Welcome));
        var log = new Transcript();
        await using DemoPlayer ann = await DemoPlayer.ConnectAsync(server.EndPoint, "ann", null, CancellationToken.None);
        ann.Log = new Log(log, "ann");
        Assert.Equal("A", ann.Server);
        Assert.Null(await ann.WaitToHearAsync(_ => true, TimeSpan.FromSeconds(20)));
        Assert.Equal("ann: the server sent a message over 256 KiB; not listening any more\n", log.Raw);
    }
}
