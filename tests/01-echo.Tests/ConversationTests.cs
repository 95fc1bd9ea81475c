using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>Black-box conversations with the echo server over real loopback sockets.</summary>
public sealed class ConversationTests
{
    [Fact]
    public async Task Demo_prints_the_conversation_and_the_server_log()
    {
        var output = new Transcript();
        await Demo.RunAsync(output, CancellationToken.None);
        Snapshot.Match(output.ToString());
    }

    [Fact]
    public async Task A_scripted_session_between_server_and_client()
    {
        var serverLog = new Transcript();
        var clientOutput = new Transcript();
        await using (LoopbackServer server = await Servers.StartEcho(new Log(serverLog, "server"), maxClients: 1))
        {
            await Servers.Client(server.EndPoint, new Log(clientOutput, "client"))
                .RunAsync(["ping", "a longer line, with ünïcödé"], CancellationToken.None);
            await server.Running.WaitAsync(TimeSpan.FromSeconds(10)); // it stops after its one client
        }
        Snapshot.Match($"--- terminal 1: server --max-clients 1 ---\n{serverLog}\n--- terminal 2: client ping \"a longer line, with ünïcödé\" ---\n{clientOutput}");
    }

    [Fact]
    public async Task Quiet_logs_each_connection_but_not_each_message()
    {
        var serverLog = new Transcript();
        await using (LoopbackServer server = await Servers.StartEcho(new Log(serverLog, "server"), maxClients: 1, quiet: true))
        {
            await Servers.Client(server.EndPoint, Log.Null).RunAsync(["one", "two"], CancellationToken.None);
            await server.Running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        string log = serverLog.ToString();
        Assert.Contains("server: connected by 127.0.0.1:<port>", log);
        Assert.Contains("closed the connection after 6 bytes", log);
        Assert.DoesNotContain("received", log);
    }

    [NeedsIpv6Fact]
    public async Task Works_over_IPv6()
    {
        var clientOutput = new Transcript();
        await using LoopbackServer server = await Servers.StartEcho(Log.Null, IPAddress.IPv6Loopback);
        await Servers.Client(server.EndPoint, new Log(clientOutput, "client")).RunAsync(["over v6"], CancellationToken.None);
        Assert.Contains("client: connected to [::1]:<port>", clientOutput.ToString());
        Assert.Contains("client: received 7 bytes: over v6", clientOutput.ToString());
    }

    [Fact]
    public async Task A_one_mebibyte_message_comes_back_intact()
    {
        await using LoopbackServer server = await Servers.StartEcho(Log.Null);
        byte[] message = new byte[1024 * 1024];
        new Random(1).NextBytes(message);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint);
        // Send and receive at once, as the client does: sending all of it first could fill both sides' buffers.
        Task sending = Task.Run(() => SocketIO.SendAll(socket, message));
        byte[] reply = new byte[message.Length];
        int received = await Task.Run(() => SocketIO.ReceiveExactly(socket, reply)).WaitAsync(TimeSpan.FromSeconds(20));
        await sending;

        Assert.Equal(message.Length, received);
        Assert.True(message.AsSpan().SequenceEqual(reply), "the echo differs from what was sent");
    }

    [Fact]
    public async Task The_client_counts_bytes_not_characters()
    {
        // 17 characters, 26 bytes in UTF-8: the seed client stopped reading after 17 bytes.
        var clientOutput = new Transcript();
        await using LoopbackServer server = await Servers.StartEcho(Log.Null);
        await Servers.Client(server.EndPoint, new Log(clientOutput, "client")).RunAsync(["Zażółć gęślą jaźń"], CancellationToken.None);
        Assert.Contains("client: received 26 bytes: Zażółć gęślą jaźń", clientOutput.ToString());
    }
}
