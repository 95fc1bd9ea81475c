using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests;

/// <summary>
/// A connection whose other end is gone without a word (a laptop closed, a cable pulled, a program stuck)
/// sends no FIN and no RST: to the server it looks exactly like a quiet client. Only a clock frees its seat.
/// </summary>
public sealed class IdleTests
{
    [Fact]
    public async Task A_connection_that_stops_reading_and_writing_is_closed_after_the_idle_timeout()
    {
        var time = new FakeTimeProvider();
        var log = new Transcript();
        await using var server = await Servers.Start(Servers.Options() with { Time = time }, new Log(log, "server"));
        // Connected, then nothing: it never reads, never writes, never closes.
        await using var gone = await RawClient.ConnectAsync(server.EndPoint, read: false);
        await using var talker = await RawClient.ConnectAsync(server.EndPoint);
        await talker.SyncAsync();

        time.Advance(TimeSpan.FromMinutes(4));
        await talker.SendAsync("still here"); // a line: the talker's clock starts again
        await talker.SyncAsync();
        time.Advance(TimeSpan.FromMinutes(2)); // the silent one: 6 minutes; the talker: 2

        await talker.WaitForAsync(l => l.EndsWith(" left (idle for 300 s)", StringComparison.Ordinal));
        await talker.SendAsync("/who");
        Assert.Equal("* 1 here: guest2", (await talker.WaitForAsync(l => l.StartsWith("* ", StringComparison.Ordinal) && l.Contains(" here: "))).Last());
    }

    [Fact]
    public async Task Our_own_client_says_ping_when_quiet_and_is_never_closed()
    {
        var time = new FakeTimeProvider();
        await using var server = await Servers.Start(Servers.Options() with { Time = time });
        await using var talker = await RawClient.ConnectAsync(server.EndPoint);
        await using var reader = await ChatConnection.ConnectAsync(server.EndPoint, null, RawClient.Patience, CancellationToken.None, time: time);
        Assert.StartsWith("* welcome, guest2!", await reader.ReadLineAsync(CancellationToken.None));

        // Ten quiet minutes for the reader, twice the idle timeout; the talker keeps itself alive by hand.
        for (int minute = 1; minute <= 10; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(200); // let the reader's /ping reach the server before the clock moves on
            await talker.SyncAsync();
        }
        await talker.SendAsync("/who");
        Assert.Equal("* 2 here: guest1, guest2", (await talker.WaitForAsync(l => l.Contains(" here: "))).Last());
        // The pongs to its pings were for the connection, not for the person: the next line is the talker's.
        await talker.SendAsync("hello");
        using var limit = new CancellationTokenSource(RawClient.Patience);
        Assert.Equal("<guest1> hello", await reader.ReadLineAsync(limit.Token));
    }
}
