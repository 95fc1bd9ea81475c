using System.Text.RegularExpressions;
using Course.Testing;

namespace GameLoop.Tests;

/// <summary>The verbs as a user runs them: real processes, one clear line when something is wrong.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_server_verb_serves_and_a_bot_plays_on_it()
    {
        await using RunningProcess server = RunningProcess.StartCourseProgram("game-loop", "server", "--port", "0", "--tick-rate", "20");
        string listening = await server.WaitForLineAsync(l => l.Contains("listening on"), Wait);
        string port = Regex.Match(listening, @":(\d+)/").Groups[1].Value;

        await using RunningProcess bot = RunningProcess.StartCourseProgram("game-loop", "bot", "--port", port, "--count", "2", "--seconds", "3");
        Assert.Equal(0, await bot.WaitForExitAsync(Wait));
        Assert.Contains("bot: 2 bot(s) joining room lobby", bot.StandardOutput);
        await server.WaitForLineAsync(l => l.Contains("loop stopped, room closed"), Wait);

        server.Interrupt();
        Assert.Equal(0, await server.WaitForExitAsync(Wait));
        Assert.Contains("server: stopping", server.StandardOutput);
    }

    [Fact]
    public async Task A_taken_port_is_one_line_and_exit_code_1()
    {
        using var taken = new TakenPort();
        int port = taken.Port;
        await using RunningProcess server = RunningProcess.StartCourseProgram("game-loop", "server", "--port", port.ToString());
        Assert.Equal(1, await server.WaitForExitAsync(Wait));
        Assert.Equal($"error: port {port} is in use: stop the other server or pick another --port.\n", server.StandardError);
    }

    [Fact]
    public async Task Each_user_error_is_one_line()
    {
        var lines = new List<string>();
        foreach (string[] args in new[]
                 {
                     new[] { "bot", "--port", "1", "--count", "1" },
                     ["server", "--port", "70000"],
                     ["server", "--tick-rate", "0"],
                     ["bench", "--clients", "ten"],
                 })
        {
            await using RunningProcess run = RunningProcess.StartCourseProgram("game-loop", args);
            int code = await run.WaitForExitAsync(Wait);
            string first = run.StandardError.Split('\n')[0];
            lines.Add($"game-loop {string.Join(' ', args)}\n  exit {code}: {first}");
            Assert.NotEqual(0, code);
        }
        Snapshot.Match(Transcript.Normalise(string.Join("\n", lines)));
    }
}
