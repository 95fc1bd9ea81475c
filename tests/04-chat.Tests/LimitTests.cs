using System.Net.Sockets;
using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests;

/// <summary>Every limit ends in a clear line to the client and a reason for everyone else.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Flood_control_warns_then_drops_then_disconnects()
    {
        // Frozen time: no token ever comes back, so the outcome does not depend on the machine's speed.
        var time = new FakeTimeProvider();
        ChatServerOptions options = Servers.Options() with { MessagesPerSecond = 1, Burst = 3, FloodStrikes = 2, Time = time };
        await using var server = await Servers.Start(options);
        // No /ping barrier here: it would spend one of the flooder's three tokens.
        await using var listener = await RawClient.ConnectAsync(server.EndPoint);
        await using var flooder = await RawClient.ConnectAsync(server.EndPoint);
        await listener.WaitForAsync(l => l == "* guest2 joined");

        for (int i = 1; i <= 7; i++) await flooder.SendAsync($"line {i}");
        Assert.Equal(
            ["! slow down: about 1 lines a second at most; your lines are being dropped", "! disconnected: too many lines too fast"],
            await flooder.RestUntilClosedAsync());
        Assert.Equal(
            ["<guest2> line 1", "<guest2> line 2", "<guest2> line 3", "* guest2 left (flooding)"],
            await listener.WaitForAsync(l => l.EndsWith("(flooding)", StringComparison.Ordinal)));
    }

    [Fact]
    public void Flood_control_forgives_a_client_that_slows_down()
    {
        var time = new FakeTimeProvider();
        var gate = new FloodGate(rate: 2, burst: 2, strikes: 1, time);
        Assert.Equal(FloodVerdict.Pass, gate.Check());
        Assert.Equal(FloodVerdict.Pass, gate.Check());
        Assert.Equal(FloodVerdict.Warn, gate.Check());
        time.Advance(TimeSpan.FromSeconds(0.5)); // one token back
        Assert.Equal(FloodVerdict.Pass, gate.Check());
        Assert.Equal(FloodVerdict.Warn, gate.Check()); // a fresh warning, not a strike
        Assert.Equal(FloodVerdict.Disconnect, gate.Check());
    }

    [Fact]
    public async Task An_overlong_line_disconnects_with_the_limit_in_the_message()
    {
        ChatServerOptions options = Servers.Options() with { MaxLineBytes = 100 };
        await using var server = await Servers.Start(options);
        var (talker, listener) = await Pair(server);
        await using var _ = talker;
        await using var __ = listener;

        await talker.SendAsync(new string('a', 100)); // exactly the limit: fine
        await talker.SendAsync(new string('b', 5000)); // far over it
        Assert.Equal(["! disconnected: a line may have at most 100 bytes"], await talker.RestUntilClosedAsync());
        Assert.Equal(["<guest1> " + new string('a', 100), "* guest1 left (line too long)"],
            await listener.WaitForAsync(l => l.StartsWith("* guest1 left", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_and_the_client_stays()
    {
        await using var server = await Servers.Start();
        var (talker, listener) = await Pair(server);
        await using var _ = talker;
        await using var __ = listener;
        await talker.SendRawAsync([0xC3, 0x28, 0xFF, (byte)'\n']);
        await talker.SendAsync("Zażółć gęślą jaźń");
        Assert.Equal(["! that line was not valid UTF-8 and was dropped"], await talker.SyncAsync());
        Assert.Equal(["<guest1> Zażółć gęślą jaźń"], await listener.SyncAsync());
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_line_is_announced_and_its_half_line_is_never_sent()
    {
        var log = new Transcript();
        await using var server = await Servers.Start(log: new Log(log, "server"));
        await using var listener = await RawClient.ConnectAsync(server.EndPoint);

        await using (var rude = await RawClient.ConnectAsync(server.EndPoint))
        {
            await rude.SendRawAsync("half a li"u8.ToArray());
            rude.Socket.LingerState = new LingerOption(true, 0); // close with a reset, no goodbye
            rude.Socket.Close();
        }
        await using (var quiet = await RawClient.ConnectAsync(server.EndPoint))
        {
            await quiet.SendRawAsync("the other half"u8.ToArray());
            quiet.Socket.Shutdown(SocketShutdown.Send); // a clean end of stream, but mid-line
            await quiet.RestUntilClosedAsync();
        }

        var seen = new List<string>();
        while (!(seen.Contains("* guest2 left (connection lost)") && seen.Contains("* guest3 left (connection closed mid-line)")))
            seen.Add(await listener.NextAsync() ?? throw new InvalidOperationException(string.Join("\n", seen)));
        Assert.DoesNotContain(seen, l => l.Contains("half", StringComparison.Ordinal));
        await listener.SendAsync("still here");
        await listener.SyncAsync();
    }

    [Fact]
    public async Task The_client_over_the_limit_is_told_the_chat_is_full()
    {
        ChatServerOptions options = Servers.Options() with { MaxClients = 2 };
        await using var server = await Servers.Start(options);
        await using var one = await RawClient.ConnectAsync(server.EndPoint);
        await using var two = await RawClient.ConnectAsync(server.EndPoint);
        await using var three = await RawClient.ConnectAsync(server.EndPoint, read: false);
        var reader = new StreamReader(new NetworkStream(three.Socket));
        Assert.Equal("! the chat is full (2 clients); try again later", await reader.ReadLineAsync().WaitAsync(RawClient.Patience));
        Assert.Null(await reader.ReadLineAsync().WaitAsync(RawClient.Patience));

        // When someone leaves, there is room again.
        await one.SendAsync("/quit");
        await two.WaitForAsync(l => l == "* guest1 left (quit)");
        await using var four = await RawClient.ConnectAsync(server.EndPoint);
    }

    private static async Task<(RawClient, RawClient)> Pair(LoopbackServer server)
    {
        RawClient[] two = await RawClient.ConnectManyAsync(server.EndPoint, 2);
        return (two[0], two[1]);
    }
}
