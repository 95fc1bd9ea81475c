using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>Stopping and restarting: what a student does many times an hour.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Stopping_with_a_client_connected_closes_it_and_the_port_can_be_bound_again_at_once()
    {
        var log = new Transcript();
        LoopbackServer first = await Servers.StartEcho(new Log(log, "server"));
        IPEndPoint endPoint = first.EndPoint;

        // A client that connected, was echoed once and then stays: the server is blocked in Receive.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(endPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes("hi"));
        byte[] echo = new byte[2];
        Assert.Equal(2, SocketIO.ReceiveExactly(client, echo));

        // Ctrl+C: the server must close the client's socket itself, or it would wait in Receive forever.
        await first.DisposeAsync();
        Assert.Contains("stopping: closed the connection to 127.0.0.1:<port>", log.ToString());
        client.ReceiveTimeout = 10_000;
        Assert.Equal(0, client.Receive(new byte[1])); // end of stream: the server closed first

        // The server closed first, so its side of that connection now sits in TIME_WAIT. A new server on
        // the same port must still start at once (this is what SO_REUSEADDR is for).
        var again = new EchoServer(new EchoServerOptions(endPoint) { MaxClients = 1 }, Log.Null);
        await using LoopbackServer second = await LoopbackServer.StartAsync((onListening, stop) =>
        {
            again.Run(onListening, stop);
            return Task.CompletedTask;
        });
        Assert.Equal(endPoint.Port, second.EndPoint.Port);
        await Servers.Client(second.EndPoint, Log.Null).RunAsync(["back again"], CancellationToken.None);
    }

    /// <summary>The real programs, as a student runs them in two terminals (the page shows this transcript).</summary>
    [Fact]
    public async Task Server_and_client_programs_in_two_terminals()
    {
        await using var server = RunningProcess.StartCourseProgram("echo", "server", "--port", "0", "--max-clients", "1");
        string bound = await server.WaitForLineAsync(line => line.Contains("bound to"), TimeSpan.FromSeconds(60));
        string port = bound[(bound.LastIndexOf(':') + 1)..].Trim();
        await server.WaitForLineAsync(line => line.Contains("listening"), TimeSpan.FromSeconds(30));

        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", port, "ping", "héllo");
        Assert.Equal(0, await client.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30))); // --max-clients 1: it stops

        var transcript = new StringBuilder();
        transcript.AppendLine("$ dotnet run --project chapters/01-echo -- server --port 0 --max-clients 1");
        transcript.Append(server.StandardOutput);
        transcript.AppendLine($"$ dotnet run --project chapters/01-echo -- client --port <port> ping héllo");
        transcript.Append(client.StandardOutput);
        Snapshot.Match(Transcript.Normalise(transcript.ToString()));
    }

    [Fact]
    public async Task The_client_reads_messages_from_standard_input_when_none_are_given()
    {
        await using LoopbackServer server = await Servers.StartEcho(Log.Null);
        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", server.EndPoint.Port.ToString());
        await client.StandardInput.WriteLineAsync("first line");
        await client.StandardInput.WriteLineAsync("second line");
        client.StandardInput.Close();

        Assert.Equal(0, await client.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("received 10 bytes: first line", client.StandardOutput);
        Assert.Contains("received 11 bytes: second line", client.StandardOutput);
    }

    [Fact]
    public async Task The_client_refuses_port_zero_in_one_line()
    {
        // Port 0 asks the kernel for any free port: right for a server, meaningless for a client.
        await using var client = RunningProcess.StartCourseProgram("echo", "client", "--port", "0", "hi");
        Assert.Equal(ExitCodes.Usage, await client.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("error: --port must be a whole number between 1 and 65535, not '0'.\n", client.StandardError);
    }
}
