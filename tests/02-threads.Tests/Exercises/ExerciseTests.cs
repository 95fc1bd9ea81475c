using System.Net;
using System.Text.RegularExpressions;
using Course.Testing;

namespace Dots.Tests.Exercises;

/// <summary>
/// Ready-made checks for the exercises on the chapter page. Each one is skipped until you start the
/// exercise: delete its <c>Skip = ...</c>, then run <c>dotnet test tests/02-threads.Tests --filter Exercise</c>.
/// They start the real server program and talk to it over loopback, so they compile now and pass once
/// your change works, however you structure it.
/// </summary>
public sealed partial class ExerciseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Skip = "Exercise 1 (chat): delete this Skip when you start the exercise")]
    public async Task Exercise1_a_chat_line_reaches_every_player()
    {
        await using var server = RunningProcess.StartCourseProgram("dots", "server", "--port", "0");
        IPEndPoint endPoint = await EndPointOf(server);
        using var alice = new TestPlayer(endPoint);
        alice.Expect("newPlayer 1 10 7");
        using var bob = new TestPlayer(endPoint);
        bob.Expect("newPlayer 2 17 12");

        alice.Send("chat hello, dots! zażółć\n");
        alice.Expect("chat 1 hello, dots! zażółć");
        bob.Expect("chat 1 hello, dots! zażółć");
    }

    [Fact(Skip = "Exercise 2 (board size): delete this Skip when you start the exercise")]
    public async Task Exercise2_the_board_size_is_an_option()
    {
        await using var server = RunningProcess.StartCourseProgram("dots", "server", "--port", "0", "--board", "20x5");
        IPEndPoint endPoint = await EndPointOf(server);
        using var player = new TestPlayer(endPoint);
        player.Expect("newPlayer 1 10 2"); // the spawn point rule, on the smaller board

        player.Send(string.Concat(Enumerable.Repeat("move 1 1\n", 30)));
        for (int i = 0; i < 29; i++) player.ExpectMatch(l => l.StartsWith("playerMoved 1 "), "a move");
        player.Expect("playerMoved 1 19 4"); // stopped by the right and bottom edges
    }

    [Fact(Skip = "Exercise 3 (skip the sender): delete this Skip when you start the exercise")]
    public async Task Exercise3_the_mover_does_not_get_its_own_move_back()
    {
        await using var server = RunningProcess.StartCourseProgram("dots", "server", "--port", "0");
        IPEndPoint endPoint = await EndPointOf(server);
        using var mover = new TestPlayer(endPoint);
        mover.Expect("newPlayer 1 10 7");
        using var watcher = new TestPlayer(endPoint);
        watcher.Expect("newPlayer 2 17 12");
        mover.Expect("newPlayer 2 17 12");

        mover.Send("move 1 0\n");
        watcher.Expect("playerMoved 1 11 7");
        // The relay has handled the move (the watcher has it). An error reply is the mover's next line:
        // no "playerMoved 1 ..." came before it.
        mover.Send("ping\n");
        Assert.Equal("error unknown command: ping", mover.NextLine());
    }

    private static async Task<IPEndPoint> EndPointOf(RunningProcess server)
    {
        string line = await server.WaitForLineAsync(l => l.Contains("listening on"), Patience);
        return new IPEndPoint(IPAddress.Loopback, int.Parse(PortPattern().Match(line).Groups[1].Value));
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}
