using System.Diagnostics;
using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>The lesson of the chapter: a client that never reads hurts nobody but itself.</summary>
public sealed class SlowReaderTests
{
    [Fact]
    public async Task A_client_that_never_reads_is_disconnected_and_nobody_else_waits()
    {
        var log = new Transcript();
        ChatServerOptions options = Servers.Options() with { OutboxCapacity = 64, MessagesPerSecond = 100_000, Burst = 100_000, MaxLineBytes = 1024, SendBufferBytes = 32 * 1024 };
        await using var server = await Servers.Start(options, new Log(log, "server"));

        await using var sender = await RawClient.ConnectAsync(server.EndPoint);
        await using var listener = await RawClient.ConnectAsync(server.EndPoint);
        // The sleeper connects with a tiny receive buffer and never calls Receive.
        await using var sleeper = await RawClient.ConnectAsync(server.EndPoint, read: false, receiveBuffer: 4096);
        await listener.WaitForAsync(l => l == "* guest3 joined");

        // 2,000 lines of 1,000 bytes: 2 MB, far more than the sleeper's socket buffers and outbox hold.
        // The sender goes in blocks of 50 and waits for the listener after each: a brisk but fair pace,
        // so the listener's own outbox (64 lines) is never the one that overflows.
        const int count = 2000, block = 50;
        string pad = new('x', 990);
        var clock = Stopwatch.StartNew();
        int received = 0;
        bool sleeperLeft = false;
        for (int sent = 0; sent < count; sent += block)
        {
            for (int i = sent; i < sent + block; i++) await sender.SendAsync($"{i:D4} {pad}");
            while (received < sent + block)
            {
                string line = await listener.NextAsync() ?? throw new InvalidOperationException("listener disconnected");
                if (line.StartsWith("<guest1> ", StringComparison.Ordinal))
                {
                    // Every line, in order.
                    Assert.StartsWith($"<guest1> {received:D4} ", line);
                    received++;
                }
                else if (line == "* guest3 left (too slow: 64 lines waiting)") sleeperLeft = true;
            }
        }
        if (!sleeperLeft) await listener.WaitForAsync(l => l == "* guest3 left (too slow: 64 lines waiting)");
        // A generous bound (the machine is shared): the point is "seconds, not forever", as with a stalled relay.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("server: guest3 left (too slow: 64 lines waiting), 2 here", log.ToString());

        // The server closed the sleeper's connection: reading now drains what was buffered, then ends.
        var drain = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(RawClient.Patience);
        try
        {
            while (await sleeper.Socket.ReceiveAsync(drain, limit.Token) > 0) { }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Or it was reset: the server gave up on it without waiting for its last words.
        }
    }
}
