using System.Net.Sockets;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>What a blocking, one-client-at-a-time server can and cannot do.</summary>
public sealed class BlockingLimitTests
{
    [Fact]
    public async Task A_second_client_waits_until_the_first_leaves()
    {
        await using LoopbackServer server = await Servers.StartEcho(Log.Null);
        using Socket first = await Connect(server);
        Assert.Equal("one", await RoundTrip(first, "one", TimeSpan.FromSeconds(5)));

        // The second client connects (the kernel completes the handshake from the backlog) and sends,
        // but nobody reads its bytes while the server is busy with the first client.
        using Socket second = await Connect(server);
        Task<string> secondReply = RoundTrip(second, "two", TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(secondReply.IsCompleted, "the second client was served while the first was still connected");

        // Still served one at a time: the first client is answered at once.
        Assert.Equal("more", await RoundTrip(first, "more", TimeSpan.FromSeconds(5)));

        first.Shutdown(SocketShutdown.Both);
        first.Close();
        Assert.Equal("two", await secondReply);
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_message_does_not_stop_the_server()
    {
        var serverLog = new Transcript();
        await using LoopbackServer server = await Servers.StartEcho(new Log(serverLog, "server"));

        // The rude client: sends 8 bytes and resets the connection (linger 0) without reading the echo.
        using (Socket rude = await Connect(server))
        {
            rude.LingerState = new LingerOption(true, 0);
            rude.Send("8 bytes!"u8);
            rude.Close();
        }
        // The impatient client: sends and closes normally, before the echo arrives.
        using (Socket impatient = await Connect(server))
        {
            impatient.Send("and bye"u8);
            impatient.Close();
        }

        using Socket next = await Connect(server);
        Assert.Equal("still there?", await RoundTrip(next, "still there?", TimeSpan.FromSeconds(5)));
        Assert.Equal(3, serverLog.ToString().Split('\n').Count(l => l.StartsWith("server: connected by")));
    }

    private static async Task<Socket> Connect(LoopbackServer server)
    {
        var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint).WaitAsync(TimeSpan.FromSeconds(5));
        return socket;
    }

    private static async Task<string> RoundTrip(Socket socket, string text, TimeSpan timeout)
    {
        byte[] message = System.Text.Encoding.UTF8.GetBytes(text);
        await socket.SendAsync(message);
        byte[] reply = new byte[message.Length];
        int filled = 0;
        using var limit = new CancellationTokenSource(timeout);
        while (filled < reply.Length)
        {
            int n = await socket.ReceiveAsync(reply.AsMemory(filled), limit.Token);
            if (n == 0) break;
            filled += n;
        }
        return System.Text.Encoding.UTF8.GetString(reply, 0, filled);
    }
}
