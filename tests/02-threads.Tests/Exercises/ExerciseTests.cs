using System.Net;
using System.Text.RegularExpressions;
using Course.Testing;

namespace Dots.Tests.Exercises;

/// <summary>
/// Ready-made checks for the exercises on the chapter page. Each one is skipped until you start the
/// exercise: delete its <c>Skip = ...</c>, then run <c>dotnet test tests/02-threads.Tests --filter Exercise</c>.
/// They start the real server program and talk to it over loopback, so they compile now and pass once
/// your change works, however you structure it. Each reads a player's lines in order and compares the
/// very next line with what the page promises, so it fails at once, with what it expected, while the
/// work is not done.
/// </summary>
public sealed partial class ExerciseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Skip = "Exercise 1 (chat): delete this Skip when you start the exercise")]
    public async Task Exercise1_a_chat_line_reaches_every_player()
    {
        await using var server = RunningProcess.StartCourseProgram("dots", "server", "--port", "0");
        IPEndPoint endPoint = await EndPointOf(server, "the dots server");
        using var alice = new TestPlayer(endPoint);
        alice.Expect("newPlayer 1 10 7");
        using var bob = new TestPlayer(endPoint);
        bob.Expect("newPlayer 2 17 12");
        alice.Expect("newPlayer 2 17 12");

        // A move, then a chat line: the relay sends both to everyone (the sender too), in that order, and
        // the text exactly as typed, spaces and all.
        alice.Send("move 1 0\nchat hello,  dots!  zażółć\n");
        foreach (TestPlayer player in new[] { alice, bob })
        {
            Next(player, "playerMoved 1 11 7", "first alice's move");
            Next(player, "chat 1 hello,  dots!  zażółć", "then her chat line, after 'chat 1 ', exactly as she typed it");
        }

        // The longest chat text: 1000 bytes, relayed whole. One byte more is refused to the sender alone.
        string longest = new('a', 1000);
        alice.Send($"chat {longest}\n");
        Next(alice, $"chat 1 {longest}", "a chat text of 1000 bytes, relayed whole");
        Next(bob, $"chat 1 {longest}", "a chat text of 1000 bytes, relayed whole");
        alice.Send($"chat {longest}b\nmove 0 1\n");
        Next(alice, "error chat text longer than 1000 bytes", "the refusal of a 1001-byte chat text, to the sender");
        Next(bob, "playerMoved 1 11 8", "alice's next move: the refused chat line never reaches the others");
    }

    [Fact(Skip = "Exercise 2 (board size): delete this Skip when you start the exercise")]
    public async Task Exercise2_the_board_size_is_an_option()
    {
        // The default board, announced right after the id.
        await using (var standard = RunningProcess.StartCourseProgram("dots", "server", "--port", "0"))
        {
            using var first = new TestPlayer(await EndPointOf(standard, "the dots server"));
            Next(first, "myIDis 1", "the greeting's first line, as before");
            Next(first, "board 40 16", "the board's size, right after the id (40x16 when --board is not given)");
            Next(first, "newPlayer 1 10 7", "then the players, as before");
        }

        await using var server = RunningProcess.StartCourseProgram("dots", "server", "--port", "0", "--board", "20x5");
        IPEndPoint endPoint = await EndPointOf(server, "server --board 20x5");
        using var player = new TestPlayer(endPoint);
        Next(player, "myIDis 1", "the greeting's first line");
        Next(player, "board 20 5", "the board's size given with --board 20x5, right after the id");
        Next(player, "newPlayer 1 10 2", "the spawn point rule, (id*7+3) mod 20 and (id*5+2) mod 5, on the smaller board");
        using var watcher = new TestPlayer(endPoint); // watches the moves (exercise 3 stops sending them to the mover)
        watcher.Expect("newPlayer 2 17 2");

        // Thirty steps right and down: the dot stops at the board's last column and row.
        player.Send(string.Concat(Enumerable.Repeat("move 1 1\n", 30)));
        string last = "";
        for (int i = 0; i < 30; i++) last = watcher.ExpectMatch(l => l.StartsWith("playerMoved 1 ", StringComparison.Ordinal), "a move of player 1");
        Assert.True(last == "playerMoved 1 19 4", $"after 30 steps right and down on a 20x5 board the dot should stop at 19 4; the last move was: {last}");

        // A size that is not WxH with both numbers from 2 to 1000 is one line naming --board, exit code 2.
        foreach (string wrong in new[] { "20", "1x5", "20x1001", "twentyxfive" })
        {
            await using var refused = RunningProcess.StartCourseProgram("dots", "server", "--port", "0", "--board", wrong);
            int? code = await ExitCodeOrNull(refused, TimeSpan.FromSeconds(15));
            Assert.True(code == 2 && refused.StandardError.Contains("--board"),
                $"server --board {wrong} should be refused with a line naming --board and exit code 2; it " +
                $"{(code is null ? "was still running after 15 s" : $"exited {code}")}:\n{refused.StandardError}");
        }
    }

    [Fact(Skip = "Exercise 3 (skip the sender): delete this Skip when you start the exercise")]
    public async Task Exercise3_the_mover_does_not_get_its_own_move_back()
    {
        await using var server = RunningProcess.StartCourseProgram("dots", "server", "--port", "0");
        IPEndPoint endPoint = await EndPointOf(server, "the dots server");
        using var mover = new TestPlayer(endPoint);
        mover.Expect("newPlayer 1 10 7");
        using var watcher = new TestPlayer(endPoint);
        watcher.Expect("newPlayer 2 17 12");
        mover.Expect("newPlayer 2 17 12");

        // Both move; each hears only the other's move, and the others still hear every move in order.
        mover.Send("move 1 0\n");
        Next(watcher, "playerMoved 1 11 7", "the mover's move, relayed to the other player");
        watcher.Send("move 0 1\n");
        Next(mover, "playerMoved 2 17 13", "the other player's move: not its own 'playerMoved 1 11 7' first");
        // An error reply is the next line each sends itself: nothing of its own came back before it.
        mover.Send("ping\n");
        Next(mover, "error unknown command: ping", "the reply to its own next line: its own move never comes back");
        watcher.Send("ping\n");
        Next(watcher, "error unknown command: ping", "the reply to its own next line: its own move never comes back");

        // Many moves at once, which the relay sends in batches: still none of them back to the mover.
        mover.Send(string.Concat(Enumerable.Repeat("move 0 1\n", 40)) + "ping\n");
        for (int y = 8; y < 8 + 40; y++) Next(watcher, $"playerMoved 1 11 {Math.Min(y, 15)}", "each of the mover's 40 moves, in order");
        Next(mover, "error unknown command: ping", "the reply to its ping: none of its 40 moves came back, batched or not");
    }

    /// <summary>The player's very next line must be <paramref name="expected"/>.</summary>
    private static void Next(TestPlayer player, string expected, string what)
    {
        string? line = player.NextLine();
        Assert.True(line == expected, $"expected {what}: '{Shorten(expected)}'; got {(line is null ? "the end of the connection" : $"'{Shorten(line)}'")}");
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : $"{line[..40]}...({line.Length} characters)...{line[^20..]}";

    private static async Task<IPEndPoint> EndPointOf(RunningProcess server, string what)
    {
        string line;
        try
        {
            line = await server.WaitForLineAsync(l => l.Contains("listening on"), Patience);
        }
        catch (InvalidOperationException)
        {
            Assert.Fail($"{what} should start and print 'listening on'; it ended first:\n{server.StandardOutput}{server.StandardError}");
            throw;
        }
        return new IPEndPoint(IPAddress.Loopback, int.Parse(PortPattern().Match(line).Groups[1].Value));
    }

    /// <summary>The exit code, or null if the program is still running after <paramref name="wait"/>.</summary>
    private static async Task<int?> ExitCodeOrNull(RunningProcess program, TimeSpan wait)
    {
        try
        {
            return await program.WaitForExitAsync(wait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}
