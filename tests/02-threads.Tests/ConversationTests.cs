using Course.Cli;
using Course.Testing;

namespace Dots.Tests;

/// <summary>Black-box conversations with the dots server over real loopback sockets.</summary>
public sealed class ConversationTests
{
    [Fact]
    public async Task Three_players_join_move_and_one_leaves()
    {
        var serverLog = new Transcript();
        var (running, server) = await Servers.Start(new Log(serverLog, "server"));
        string received;
        await using (running)
        {
            // Each step waits for the line it causes before the next, so the transcript is the same every run.
            using var a = new TestPlayer(running.EndPoint);
            a.Expect("newPlayer 1 10 7");
            using var b = new TestPlayer(running.EndPoint);
            b.Expect("newPlayer 2 17 12");
            a.Expect("newPlayer 2 17 12");
            using var c = new TestPlayer(running.EndPoint);
            c.Expect("newPlayer 3 24 1");
            a.Expect("newPlayer 3 24 1");
            b.Expect("newPlayer 3 24 1");

            // Each move is checked by the other two: whether the mover hears its own move is the
            // protocol's choice (exercise 3 changes it; this snapshot then changes too).
            a.Send("move 1 0\n");
            foreach (var p in new[] { b, c }) p.Expect("playerMoved 1 11 7");
            b.Send("move 0 1\n");
            foreach (var p in new[] { a, c }) p.Expect("playerMoved 2 17 13");
            c.Send("move 100 -100\n"); // a teleport attempt: one step at most, and never off the board
            foreach (var p in new[] { a, b }) p.Expect("playerMoved 3 25 0");
            // Player 1 tries a bad command: every relayed line for it has been read by now, so its error
            // line comes next in its stream, whichever way the relay and this player's thread race.
            a.Send("jump\n");
            a.Expect("error unknown command: jump");

            a.Socket.Close();
            b.Expect("playerLeft 1");
            c.Expect("playerLeft 1");
            b.Socket.Close();
            c.Expect("playerLeft 2");
            c.Socket.Close();
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 0), "a player thread is still running");
            received = $"--- player 1 received ---\n{string.Join('\n', a.Received)}\n" +
                       $"--- player 2 received ---\n{string.Join('\n', b.Received)}\n" +
                       $"--- player 3 received ---\n{string.Join('\n', c.Received)}\n";
        }
        Snapshot.Match($"--- server ---\n{serverLog}{received}");
    }

    [Fact]
    public void The_demo_plays_three_bots_in_turns_and_prints_the_protocol()
    {
        // The page shows this under "dotnet run -- demo": a real server, real sockets, the same lines every run.
        var output = new Transcript();
        Demo.Run(rounds: 2, pause: TimeSpan.Zero, output, CancellationToken.None);
        Snapshot.Match(output.ToString());
    }

    [Fact]
    public async Task Bad_input_gets_an_error_line_and_the_player_stays()
    {
        var (running, server) = await Servers.Start(Log.Null);
        await using (running)
        {
            using var player = new TestPlayer(running.EndPoint);
            player.Expect("newPlayer 1 10 7");

            player.Socket.Send([0xFF, 0xFE, (byte)'\n']);
            player.Expect("error invalid UTF-8, line ignored");
            player.Send("fly 1 2\n");
            player.Expect("error unknown command: fly");
            player.Send("move 1\n");
            player.Expect("error usage: move <dx> <dy>");
            player.Send("move one two\n");
            player.Expect("error numbers expected: move one two");

            player.Send("move -1 0\n"); // still playing
            Assert.True(Servers.Eventually(() => server.Table.Find(1) == new Position(9, 7)), "the move after the bad lines was lost");
        }
    }

    [Fact]
    public async Task Positions_stop_at_the_edge_of_the_board()
    {
        var (running, server) = await Servers.Start(Log.Null);
        await using (running)
        {
            using var player = new TestPlayer(running.EndPoint);
            player.Expect("newPlayer 1 10 7");
            using var watcher = new TestPlayer(running.EndPoint);
            watcher.Expect("newPlayer 2 17 12");
            player.Expect("newPlayer 2 17 12");
            player.Send(string.Concat(Enumerable.Repeat("move -1 -1\n", 30)));
            for (int i = 0; i < 29; i++) watcher.ExpectMatch(l => l.StartsWith("playerMoved 1 "), "a move");
            watcher.Expect("playerMoved 1 0 0");
            Assert.Equal(new Position(0, 0), server.Table.Find(1));
        }
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_gets_an_error_and_a_hang_up()
    {
        var serverLog = new Transcript();
        var (running, server) = await Servers.Start(new Log(serverLog, "server"));
        await using (running)
        {
            using var watcher = new TestPlayer(running.EndPoint);
            watcher.Expect("newPlayer 1 10 7");
            using var flooder = new TestPlayer(running.EndPoint);
            flooder.Expect("newPlayer 2 17 12");

            // 1 MiB without a newline, sent in the background: the server stops reading it after 1 KiB.
            byte[] flood = new byte[1024 * 1024];
            Array.Fill(flood, (byte)'m');
            _ = Task.Run(() => { try { flooder.Socket.Send(flood); } catch (Exception) { /* hung up on: expected */ } });

            flooder.Expect("error line longer than 1024 bytes, closing");
            Assert.Null(flooder.NextLine()); // then the end of the stream
            watcher.Expect("playerLeft 2");
            Assert.Contains("server: player 2 sent a line longer than 1024 bytes", serverLog.ToString());
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 1));
        }
    }

    [Fact]
    public async Task The_player_after_max_clients_is_told_the_server_is_full()
    {
        var (running, server) = await Servers.Start(Log.Null, o => o with { MaxClients = 2 });
        await using (running)
        {
            using var first = new TestPlayer(running.EndPoint);
            first.Expect("newPlayer 1 10 7");
            using var second = new TestPlayer(running.EndPoint);
            second.Expect("newPlayer 2 17 12");
            using (var third = new TestPlayer(running.EndPoint))
            {
                Assert.Equal(["error server full (2 players)"], third.ReadToEnd());
            }

            // A seat frees up when someone leaves.
            first.Socket.Close();
            second.Expect("playerLeft 1");
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 1));
            using var fourth = new TestPlayer(running.EndPoint);
            fourth.Expect("myIDis 3");
        }
    }

    [Fact]
    public async Task A_silent_player_is_closed_after_the_idle_timeout()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var (running, server) = await Servers.Start(Log.Null, o => o with { IdleTimeout = TimeSpan.FromSeconds(30), Time = time });
        await using (running)
        {
            using var silent = new TestPlayer(running.EndPoint);
            silent.Expect("newPlayer 1 10 7");
            using var busy = new TestPlayer(running.EndPoint);
            busy.Expect("newPlayer 2 17 12");

            time.Advance(TimeSpan.FromSeconds(20));
            busy.Send("move 1 0\n"); // heard from: its clock starts again
            Assert.True(Servers.Eventually(() => server.Table.Find(2) == new Position(18, 12)), "busy's move was not handled");
            time.Advance(TimeSpan.FromSeconds(15)); // silent: 35 s, busy: 15 s

            silent.Expect("error idle for 30 s, closing");
            Assert.Null(silent.NextLine());
            busy.Expect("playerLeft 1");
            busy.Send("move 1 0\n");
            Assert.True(Servers.Eventually(() => server.Table.Find(2) == new Position(19, 12)), "busy was closed too");
        }
    }
}
