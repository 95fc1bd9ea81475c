using System.Text;
using Course.Cli;
using Course.Testing;

namespace Dots.Tests;

/// <summary>
/// The clients do not trust their server either. Whatever answers on the port (a broken server, another
/// program, an attacker) may send a line that never ends, garbage, or nothing at all: the bot and the
/// terminal client each end within seconds, with one line that says why, and without growing.
/// </summary>
public sealed class HostileServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly byte[] Greeting = Encoding.ASCII.GetBytes("myIDis 1\nnewPlayer 1 10 7\n");

    public static TheoryData<string, string> Cases => new()
    {
        { "silent", "no greeting from 127.0.0.1:<port> after 5 s: is it a dots server?" },
        { "endless line", "127.0.0.1:<port> did not greet us: the server sent a line longer than 1024 bytes (not a dots server?)." },
        { "garbage", "127.0.0.1:<port> did not greet us: the server sent a line that is not UTF-8 (not a dots server?)." },
        { "greeting, then an endless line", "the server sent a line longer than 1024 bytes (not a dots server?)" },
        { "greeting, then garbage", "the server sent a line that is not UTF-8 (not a dots server?)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_bot_ends_in_one_line(string hostile, string expected)
    {
        await using var server = new HostileServer(Behaviour(hostile));
        await using var bot = RunningProcess.StartCourseProgram("dots", "bot", "--port", server.EndPoint.Port.ToString(), "--seconds", "60", "--interval-ms", "50");
        Assert.Equal(ExitCodes.Failure, await bot.WaitForExitAsync(Patience));
        string said = Transcript.Normalise(bot.StandardOutput + bot.StandardError);
        Assert.True(said.Contains(expected), said);
        Assert.True(said.Trim().Split('\n').Length == 1, said);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_terminal_client_ends_in_one_line(string hostile, string expected)
    {
        await using var server = new HostileServer(Behaviour(hostile));
        await using var client = RunningProcess.StartCourseProgram("dots", "client", "--port", server.EndPoint.Port.ToString());
        await client.StandardInput.WriteAsync("right\n");
        client.StandardInput.Close();
        Assert.Equal(ExitCodes.Failure, await client.WaitForExitAsync(Patience));
        Assert.Equal($"error: {expected}\n", Transcript.Normalise(client.StandardError));
    }

    private static HostileServer.Behaviour Behaviour(string hostile) => hostile switch
    {
        "silent" => HostileServer.Silent(),
        "endless line" => HostileServer.EndlessLine(),
        "garbage" => HostileServer.Garbage(),
        "greeting, then an endless line" => HostileServer.EndlessLine(Greeting),
        "greeting, then garbage" => HostileServer.Garbage(Greeting),
        _ => throw new ArgumentOutOfRangeException(nameof(hostile)),
    };
}
