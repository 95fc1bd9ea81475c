using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>Every way the client can fail ends in one line and its own exit code.</summary>
public sealed class ClientFailureTests
{
    [Fact]
    public async Task Refused_when_nothing_listens()
    {
        // A bound socket that does not listen: the port stays ours, and a connection to it is refused.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endPoint = (IPEndPoint)holder.LocalEndPoint!;

        UserError error = await Assert.ThrowsAsync<UserError>(() =>
            Servers.Client(endPoint, Log.Null).RunAsync(["hi"], CancellationToken.None));
        Assert.Equal(ClientExitCodes.Refused, error.ExitCode);
        Assert.Equal("connection refused by 127.0.0.1:<port>: nothing is listening there (is the server running?).",
            Transcript.Normalise(error.Message));
    }

    [Fact]
    public async Task Times_out_when_the_server_never_answers()
    {
        // Listening but never accepting: the kernel completes the handshake, nobody ever echoes.
        using var mute = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        mute.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        mute.Listen();

        UserError error = await Assert.ThrowsAsync<UserError>(() =>
            Servers.Client((IPEndPoint)mute.LocalEndPoint!, Log.Null, timeoutSeconds: 0.3).RunAsync(["hi"], CancellationToken.None));
        Assert.Equal(ClientExitCodes.TimedOut, error.ExitCode);
        Assert.Equal("no answer from 127.0.0.1:<port> after 0.3 s (waiting for the echo).", Transcript.Normalise(error.Message));
    }

    [Fact]
    public async Task Reset_when_the_server_aborts_the_connection()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(async (onListening, stop) =>
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            onListening((IPEndPoint)listener.LocalEndPoint!);
            using Socket peer = await listener.AcceptAsync(stop);
            await peer.ReceiveAsync(new byte[16], stop);
            peer.LingerState = new LingerOption(true, 0); // close with RST instead of FIN
            peer.Close();
        });

        UserError error = await Assert.ThrowsAsync<UserError>(() =>
            Servers.Client(server.EndPoint, Log.Null).RunAsync(["hi"], CancellationToken.None));
        Assert.Equal(ClientExitCodes.Reset, error.ExitCode);
        Assert.Equal("connection reset by 127.0.0.1:<port> (waiting for the echo).", Transcript.Normalise(error.Message));
    }

    [Fact]
    public async Task Closed_early_when_the_server_hangs_up_mid_echo()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(async (onListening, stop) =>
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            onListening((IPEndPoint)listener.LocalEndPoint!);
            using Socket peer = await listener.AcceptAsync(stop);
            byte[] buffer = new byte[5];
            int n = await peer.ReceiveAsync(buffer, stop);
            await peer.SendAsync(buffer.AsMemory(0, Math.Min(n, 2)), stop); // half an echo, then a clean close
            peer.Shutdown(SocketShutdown.Both);
        });

        UserError error = await Assert.ThrowsAsync<UserError>(() =>
            Servers.Client(server.EndPoint, Log.Null).RunAsync(["hello"], CancellationToken.None));
        Assert.Equal(ClientExitCodes.ClosedEarly, error.ExitCode);
        Assert.Equal("127.0.0.1:<port> closed the connection after echoing 2 of 5 bytes.", Transcript.Normalise(error.Message));
    }

    [Fact]
    public async Task The_command_line_prints_one_line_and_the_exit_code()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string port = ((IPEndPoint)holder.LocalEndPoint!).Port.ToString();

        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port, "hi");
        int exitCode = await client.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ClientExitCodes.Refused, exitCode);
        Assert.Equal("error: connection refused by 127.0.0.1:<port>: nothing is listening there (is the server running?).\n",
            Transcript.Normalise(client.StandardError));
    }

    [Fact]
    public async Task The_server_says_so_when_its_port_is_taken()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var server = new EchoServer(new EchoServerOptions(new IPEndPoint(IPAddress.Loopback, port)), Log.Null);
        UserError error = Assert.Throws<UserError>(() => server.Run(_ => { }, CancellationToken.None));
        Assert.Equal($"port {port} is in use: stop the other server or pick another --port.", error.Message);
    }
}
