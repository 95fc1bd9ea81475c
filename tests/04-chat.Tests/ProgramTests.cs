using System.Text.RegularExpressions;
using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>The real program, started as a user would: Ctrl+C, the console client, one-line errors.</summary>
public sealed partial class ProgramTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ctrl_C_gives_every_client_a_goodbye_line()
    {
        await using var server = RunningProcess.StartCourseProgram("chat", "server", "--port", "0");
        var endPoint = await ListeningOn(server);
        RawClient[] clients = await RawClient.ConnectManyAsync(endPoint, 2);

        server.Interrupt();
        foreach (RawClient client in clients)
        {
            Assert.Equal(["* server shutting down, goodbye"], await client.RestUntilClosedAsync());
            await client.DisposeAsync();
        }
        await server.WaitForExitAsync(Patience);
        Assert.Contains("server: shutting down, saying goodbye to 2 clients", server.StandardOutput);
        Assert.Contains("server: stopped", server.StandardOutput);
    }

    [Fact]
    public async Task The_console_client_prints_incoming_lines_while_it_waits_for_input()
    {
        await using var server = RunningProcess.StartCourseProgram("chat", "server", "--port", "0");
        var endPoint = await ListeningOn(server);
        await using var friend = await RawClient.ConnectAsync(endPoint);

        await using var client = RunningProcess.StartCourseProgram("chat", "client", "--port", endPoint.Port.ToString());
        await client.WaitForLineAsync(l => l.StartsWith("* welcome, guest2!", StringComparison.Ordinal), Patience);

        // The user has typed nothing, yet a message from someone else shows up: the receive loop runs
        // on its own, not between two reads of the keyboard.
        await friend.SendAsync("anyone there?");
        await client.WaitForLineAsync(l => l == "<guest1> anyone there?", Patience);

        await client.StandardInput.WriteLineAsync("/nick zed");
        await client.StandardInput.WriteLineAsync("yes, me");
        await client.StandardInput.FlushAsync();
        await friend.WaitForAsync(l => l == "<zed> yes, me");

        // End of input (Ctrl+D): the client says /quit and shows the server's answer.
        client.StandardInput.Close();
        Assert.Equal(0, await client.WaitForExitAsync(Patience));
        Assert.Contains("* bye\nthe server closed the connection\n", client.StandardOutput);
        server.Interrupt();
        await server.WaitForExitAsync(Patience);
    }

    [Fact]
    public async Task The_client_says_in_one_line_when_nobody_listens()
    {
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        holder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        string port = ((System.Net.IPEndPoint)holder.LocalEndPoint!).Port.ToString();

        await using var client = RunningProcess.StartCourseProgram("chat", "client", "--port", port);
        Assert.Equal(ClientExitCodes.Refused, await client.WaitForExitAsync(Patience));
        Assert.Equal("error: connection refused by 127.0.0.1:<port>: nothing is listening there (is the server running?).\n",
            Transcript.Normalise(client.StandardError));
    }

    internal static async Task<System.Net.IPEndPoint> ListeningOn(RunningProcess server)
    {
        string line = await server.WaitForLineAsync(l => l.Contains("listening on", StringComparison.Ordinal), Patience);
        int port = int.Parse(PortPattern().Match(line).Groups[1].Value);
        return new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port);
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}
