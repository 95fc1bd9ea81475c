using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>Every way the client can fail ends in one line and its own exit code.</summary>
public sealed class ClientFailureTests
{
    [Fact]
    public async Task Refused_when_nothing_listens() =>
        Assert.Equal(ClientExitCodes.Refused, (await Refused()).ExitCode);

    [Fact]
    public async Task Times_out_when_the_server_never_answers() =>
        Assert.Equal(ClientExitCodes.TimedOut, (await TimedOut()).ExitCode);

    [Fact]
    public async Task Reset_when_the_server_aborts_the_connection() =>
        Assert.Equal(ClientExitCodes.Reset, (await Reset()).ExitCode);

    [Fact]
    public async Task Closed_early_when_the_server_hangs_up_mid_echo() =>
        Assert.Equal(ClientExitCodes.ClosedEarly, (await ClosedEarly()).ExitCode);

    /// <summary>The lines a user sees, all four in one snapshot (the chapter page shows it).</summary>
    [Fact]
    public async Task Each_failure_in_one_line()
    {
        var lines = new Transcript();
        foreach (var (name, scenario) in new (string, Func<Task<UserError>>)[]
                 { ("refused", Refused), ("timed out", TimedOut), ("reset", Reset), ("closed early", ClosedEarly) })
        {
            UserError error = await scenario();
            lines.WriteLine($"{name,-13} exit {error.ExitCode}  error: {error.Message}");
        }
        Snapshot.Match(lines.ToString());
    }

    [Fact]
    public async Task The_command_line_prints_one_line_and_the_exit_code()
    {
        using Socket holder = BoundButNotListening();
        string port = ((IPEndPoint)holder.LocalEndPoint!).Port.ToString();

        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port, "hi");
        int exitCode = await client.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ClientExitCodes.Refused, exitCode);
        Assert.Equal("error: connection refused by 127.0.0.1:<port>: nothing is listening there (is the server running?).\n",
            Transcript.Normalise(client.StandardError));
    }

    [Fact]
    public void The_server_says_so_when_its_port_is_taken()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var server = new EchoServer(new EchoServerOptions(new IPEndPoint(IPAddress.Loopback, port)), Log.Null);
        UserError error = Assert.Throws<UserError>(() => server.Run(_ => { }, CancellationToken.None));
        Assert.Equal($"port {port} is in use: stop the other server or pick another --port.", error.Message);
    }

    [Fact]
    public async Task A_second_server_cannot_take_a_port_the_first_is_using()
    {
        // The trap: .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which would let the second
        // server bind the same port and silently take half of the first one's clients.
        await using LoopbackServer first = await Servers.StartEcho(Log.Null);
        var second = new EchoServer(new EchoServerOptions(first.EndPoint), Log.Null);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // if it binds, it must not serve forever
        UserError error = Assert.Throws<UserError>(() => second.Run(_ => { }, bounded.Token));
        Assert.Equal($"port {first.EndPoint.Port} is in use: stop the other server or pick another --port.", error.Message);
    }

    // A bound socket that does not listen: the port stays ours, and a connection to it is refused.
    private static async Task<UserError> Refused()
    {
        using Socket holder = BoundButNotListening();
        return await ClientFails((IPEndPoint)holder.LocalEndPoint!, timeoutSeconds: 5);
    }

    // Listening but never accepting: the kernel completes the handshake, nobody ever echoes.
    private static async Task<UserError> TimedOut()
    {
        using var mute = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        mute.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        mute.Listen();
        return await ClientFails((IPEndPoint)mute.LocalEndPoint!, timeoutSeconds: 1);
    }

    // Reads the message, then closes with RST instead of FIN (linger on, timeout 0).
    private static async Task<UserError> Reset()
    {
        await using LoopbackServer server = await OneShotServer(async (peer, stop) =>
        {
            await peer.ReceiveAsync(new byte[16], stop);
            peer.LingerState = new LingerOption(true, 0);
            peer.Close();
        });
        return await ClientFails(server.EndPoint, timeoutSeconds: 5);
    }

    // Echoes two bytes of five, then closes cleanly.
    private static async Task<UserError> ClosedEarly()
    {
        await using LoopbackServer server = await OneShotServer(async (peer, stop) =>
        {
            byte[] buffer = new byte[5];
            int n = await peer.ReceiveAsync(buffer, stop);
            await peer.SendAsync(buffer.AsMemory(0, Math.Min(n, 2)), stop);
            peer.Shutdown(SocketShutdown.Both);
        });
        return await ClientFails(server.EndPoint, timeoutSeconds: 5);
    }

    private static async Task<UserError> ClientFails(IPEndPoint server, double timeoutSeconds)
    {
        UserError error = await Assert.ThrowsAsync<UserError>(() =>
            Servers.Client(server, Log.Null, timeoutSeconds).RunAsync(["hello"], CancellationToken.None));
        return new UserError(Transcript.Normalise(error.Message), error.ExitCode);
    }

    private static Socket BoundButNotListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>A misbehaving server for one connection, written inline by the test.</summary>
    private static Task<LoopbackServer> OneShotServer(Func<Socket, CancellationToken, Task> handle) =>
        LoopbackServer.StartAsync(async (onListening, stop) =>
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            onListening((IPEndPoint)listener.LocalEndPoint!);
            using Socket peer = await listener.AcceptAsync(stop);
            await handle(peer, stop);
        });
}
