using System.Text;
using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>
/// The clients do not trust their server. Whatever answers on the port may send a line that never ends
/// (the first version of the console client read it whole: 500 MB a second until it died), garbage, or
/// nothing at all: the console client and the bot each end within seconds, with one line that says why.
/// </summary>
public sealed class HostileServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly byte[] Welcome = Encoding.UTF8.GetBytes("* welcome, guest1! /help lists the commands, /nick <name> picks your name.\n");

    public static TheoryData<string, int, string> Cases => new()
    {
        { "silent", ClientExitCodes.TimedOut, "error: no welcome from 127.0.0.1:<port> after 5 s: is it a chat server?" },
        { "endless line", ExitCodes.Failure, "error: 127.0.0.1:<port> did not welcome us: the server sent a line longer than 1056 bytes (not a chat server?)" },
        { "garbage", ExitCodes.Failure, "error: 127.0.0.1:<port> did not welcome us: the server sent a line that is not UTF-8 (not a chat server?)" },
        { "welcome, then an endless line", ExitCodes.Failure, "error: the server sent a line longer than 1056 bytes (not a chat server?)" },
        { "welcome, then garbage", ExitCodes.Failure, "error: the server sent a line that is not UTF-8 (not a chat server?)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_console_client_ends_in_one_line(string hostile, int exitCode, string expected)
    {
        await using var server = new HostileServer(Behaviour(hostile));
        // Standard input stays open: the client must notice by itself, not because the user typed.
        await using var client = RunningProcess.StartCourseProgram("chat", "client", "--port", server.EndPoint.Port.ToString());
        Assert.Equal(exitCode, await client.WaitForExitAsync(Patience));
        Assert.Equal(expected + "\n", Transcript.Normalise(client.StandardError));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_bot_ends_in_one_line(string hostile, int exitCode, string expected)
    {
        await using var server = new HostileServer(Behaviour(hostile));
        await using var bot = RunningProcess.StartCourseProgram("chat", "bot", "--port", server.EndPoint.Port.ToString(), "--every", "0.2", "--seconds", "60");
        Assert.Equal(exitCode, await bot.WaitForExitAsync(Patience));
        Assert.Equal(expected + "\n", Transcript.Normalise(bot.StandardError));
    }

    /// <summary>Our own server keeps within what our clients accept: /who with 5,000 people here is one short line.</summary>
    [Fact]
    public void Who_with_thousands_here_fits_in_a_line_a_client_accepts()
    {
        string[] nicks = [.. Enumerable.Range(1, 5000).Select(i => $"guest{i:D11}")];
        string line = ChatCommands.WhoLine(nicks);
        Assert.True(Encoding.UTF8.GetByteCount(line) <= 1024, $"{Encoding.UTF8.GetByteCount(line)} bytes");
        Assert.StartsWith("* 5000 here: guest00000000001, guest00000000002, ", line);
        Assert.EndsWith(" more", line);
        Assert.Equal("* 2 here: ann, bob", ChatCommands.WhoLine(["ann", "bob"]));
    }

    private static HostileServer.Behaviour Behaviour(string hostile) => hostile switch
    {
        "silent" => HostileServer.Silent(),
        "endless line" => HostileServer.EndlessLine(),
        "garbage" => HostileServer.Garbage(),
        "welcome, then an endless line" => HostileServer.EndlessLine(Welcome),
        "welcome, then garbage" => HostileServer.Garbage(Welcome),
        _ => throw new ArgumentOutOfRangeException(nameof(hostile)),
    };
}
