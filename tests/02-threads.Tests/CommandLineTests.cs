using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Course.Testing;

namespace Dots.Tests;

/// <summary>The verbs as a user runs them: mistakes end in one line and a non-zero exit code.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("client")]
    [InlineData("bot")]
    public async Task Nothing_listening_is_one_line(string verb)
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, not listening: connections are refused
        string port = ((IPEndPoint)holder.LocalEndPoint!).Port.ToString();

        await using var program = RunningProcess.StartCourseProgram("dots", verb, "--port", port);
        Assert.Equal(ExitCodes.Failure, await program.WaitForExitAsync(Patience));
        Assert.Equal("error: connection refused by 127.0.0.1:<port>: nothing is listening there (is the server running?).\n",
            Transcript.Normalise(program.StandardError));
    }

    [Fact]
    public async Task The_client_without_a_terminal_reads_moves_from_standard_input()
    {
        var (running, _) = await Servers.Start(Log.Null);
        await using (running)
        {
            await using var program = RunningProcess.StartCourseProgram("dots", "client", "--port", running.EndPoint.Port.ToString());
            await program.StandardInput.WriteAsync("right\nright\ndown\n");
            program.StandardInput.Close();
            Assert.Equal(ExitCodes.Success, await program.WaitForExitAsync(Patience));
            string[] board = program.StandardOutput.Split('\n');
            Assert.Equal(12, board[1 + 8].IndexOf('@') - 1); // player 1 spawns at (10, 7), so now at x 12 of row 8 (line 0 is the frame)
            Assert.Contains("you are @ (player 1) · 1 player · no terminal: moves read from standard input", board);
        }
    }

    [Fact]
    public async Task The_client_without_a_terminal_refuses_an_unknown_move()
    {
        var (running, _) = await Servers.Start(Log.Null);
        await using (running)
        {
            await using var program = RunningProcess.StartCourseProgram("dots", "client", "--port", running.EndPoint.Port.ToString());
            await program.StandardInput.WriteAsync("jump\n");
            program.StandardInput.Close();
            Assert.Equal(ExitCodes.Failure, await program.WaitForExitAsync(Patience));
            Assert.Equal("error: unknown move 'jump': use left, right, up or down, one per line.\n", program.StandardError);
        }
    }

    [Fact]
    public async Task A_bad_option_is_one_line_and_a_usage_code()
    {
        await using var program = RunningProcess.StartCourseProgram("dots", "server", "--max-clients", "0");
        Assert.Equal(ExitCodes.Usage, await program.WaitForExitAsync(Patience));
        Assert.Equal("error: --max-clients must be a whole number between 1 and 10000, not '0'.\n", program.StandardError);
    }

    [Fact]
    public async Task The_demo_runs_a_server_and_three_bots_and_stops_by_itself()
    {
        await using var program = RunningProcess.StartCourseProgram("dots", "demo", "--rounds", "1");
        Assert.Equal(ExitCodes.Success, await program.WaitForExitAsync(Patience));
        string output = program.StandardOutput;
        foreach (string expected in new[] { "bot 1: <- myIDis 1", "bot 1: <- newPlayer 3 24 1", "bot 3: -> move", "server: player 3 left",
                                            "server: stopped: closed" })
            Assert.Contains(expected, output);
        Assert.Equal("", program.StandardError);
    }

    [Fact]
    public async Task A_second_server_cannot_take_the_port_the_first_is_using()
    {
        // The trap chapter 01 warns about: .NET's ReuseAddress also sets SO_REUSEPORT on Linux and macOS,
        // and two servers that both set it share one port, the kernel splitting the players between them.
        var (running, _) = await Servers.Start(Log.Null);
        await using (running)
        {
            var second = new DotsServer(new ServerOptions(running.EndPoint), Log.Null);
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // if it binds, it must not serve forever
            UserError error = Assert.Throws<UserError>(() => second.Run(_ => { }, bounded.Token));
            Assert.Equal($"port {running.EndPoint.Port} is in use: stop the other server or pick another --port.", error.Message);
        }
    }
}
