using System.Net.Sockets;
using System.Text.RegularExpressions;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>
/// One client at a time is the chapter's lesson, but no client may hold the server forever: one that says
/// nothing, or one that sends 8.5 MB without reading its echoes, is closed after the timeout, and the
/// client queued behind them is served.
/// </summary>
public sealed partial class StuckClientTests
{
    [Fact]
    public async Task A_silent_client_and_a_client_that_never_reads_are_closed_after_the_timeout()
    {
        var log = new Transcript();
        await using LoopbackServer server = await Servers.StartEcho(new Log(log, "server"), timeout: TimeSpan.FromSeconds(1));

        // In the backlog in this order: the silent one is served first, then the flooder, then the honest client.
        using Socket silent = await Connect(server);
        using Socket flooder = await Connect(server);
        using var flooding = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task flood = flooder.SendAsync(new byte[8_500_000], flooding.Token).AsTask();

        var client = new Transcript();
        await Servers.Client(server.EndPoint, new Log(client, "client"), timeoutSeconds: 30).RunAsync(["still there?"], CancellationToken.None);
        Assert.Contains("client: received 12 bytes: still there?", client.Raw);

        // The silent client reads end of stream. (The flooder's 8.5 MB may all have fitted in the kernel's
        // buffers before the server gave up on it; either way its send has finished.)
        silent.ReceiveTimeout = 10_000;
        Assert.Equal(0, silent.Receive(new byte[1]));
        await Task.WhenAny(flood, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(flood.IsCompleted, "the flooder's send is still waiting: the server never hung up on it");
        _ = flood.Exception; // a reset is the expected end of it
        for (int i = 0; i < 500 && !log.Raw.Contains("closed the connection after 12 bytes"); i++) await Task.Delay(10);

        // The page shows the server's log, without its many "received N bytes" lines (their sizes vary).
        string shown = string.Join("\n", log.ToString().Split('\n').Where(line => !line.StartsWith("server: received ")));
        Snapshot.Match(EchoedBytes().Replace(shown, "after <n> bytes"));
    }

    private static async Task<Socket> Connect(LoopbackServer server)
    {
        var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint).WaitAsync(TimeSpan.FromSeconds(5));
        return socket;
    }

    // The flooder's total depends on the kernel's buffer sizes; the other clients' totals do not.
    [GeneratedRegex(@"after [1-9]\d{4,} bytes")]
    private static partial Regex EchoedBytes();
}
