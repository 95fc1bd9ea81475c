using Course.Cli;
using Course.Testing;

namespace GameLoop.Tests;

/// <summary>
/// The bots do not trust their server. Whatever answers on the port may never answer the upgrade, send
/// a frame that announces 2^62 bytes or a message that never ends, garbage, JSON of another shape, or
/// nothing after the upgrade: the bot verb ends within seconds, in one line, with a bounded buffer.
/// </summary>
public sealed class HostileServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private const string Welcome = "{\"type\":\"welcome\",\"id\":1,\"room\":\"lobby\",\"server\":\"local\",\"width\":40,\"height\":30,\"tickRate\":10}";

    public static TheoryData<string, string> Cases => new()
    {
        { "silent", "error: cannot connect to ws://127.0.0.1:<port>/connect?room=lobby&name=bot1: no answer within 10 s" },
        { "garbage instead of HTTP", "error: cannot connect to ws://127.0.0.1:<port>/connect?room=lobby&name=bot1: " },
        { "upgrade, then silence", "error: bot1: no message from the server for 15 s (is it a snake server?)" },
        { "upgrade, then a frame of 2^62 bytes", "error: bot1: the server sent a message over 256 KiB (not a snake server?)" },
        { "upgrade, then a message that never ends", "error: bot1: the server sent a message over 256 KiB (not a snake server?)" },
        { "upgrade, then garbage", "error: bot1: lost the connection to the server (" },
        { "upgrade, then JSON of another shape", "error: bot1: the server sent a message that is not the snake protocol" },
        { "welcome, then states of another shape", "error: bot1: the server sent a message that is not the snake protocol" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_bot_ends_in_one_line(string hostile, string expected)
    {
        await using var server = new HostileServer(Behaviour(hostile));
        await using var bot = RunningProcess.StartCourseProgram("game-loop", "bot", "--port", server.EndPoint.Port.ToString(), "--count", "1", "--seconds", "120");
        Assert.Equal(ExitCodes.Failure, await bot.WaitForExitAsync(Patience));
        string error = Transcript.Normalise(bot.StandardError);
        Assert.StartsWith(expected, error);
        Assert.True(error.Count(c => c == '\n') == 1, error);
    }

    private static HostileServer.Behaviour Behaviour(string hostile) => hostile switch
    {
        "silent" => HostileServer.Silent(),
        "garbage instead of HTTP" => HostileServer.Garbage(),
        "upgrade, then silence" => HostileWebSocket.Upgrade(HostileServer.Silent()),
        "upgrade, then a frame of 2^62 bytes" => HostileWebSocket.Upgrade(HostileWebSocket.HugeFrame()),
        "upgrade, then a message that never ends" => HostileWebSocket.Upgrade(HostileWebSocket.EndlessMessage()),
        "upgrade, then garbage" => HostileWebSocket.Upgrade(HostileServer.Garbage()),
        "upgrade, then JSON of another shape" => HostileWebSocket.Upgrade(HostileServer.Silent(), "{\"type\":\"welcome\",\"id\":\"one\"}"),
        "welcome, then states of another shape" => HostileWebSocket.Upgrade(HostileServer.Silent(), Welcome, "{\"type\":\"state\",\"tick\":1,\"snakes\":[{\"id\":1}]}"),
        _ => throw new ArgumentOutOfRangeException(nameof(hostile)),
    };
}
