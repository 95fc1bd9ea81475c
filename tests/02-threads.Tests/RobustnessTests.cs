using System.Net.Sockets;
using System.Text.RegularExpressions;
using Course.Cli;
using Course.Testing;

namespace Dots.Tests;

/// <summary>Players that leave rudely, many players at once, slow players, and stopping the server.</summary>
public sealed partial class RobustnessTests
{
    [Fact]
    public async Task Players_killed_mid_line_leave_cleanly_and_the_server_goes_on()
    {
        var serverLog = new Transcript();
        var (running, server) = await Servers.Start(new Log(serverLog, "server"));
        await using (running)
        {
            using var watcher = new TestPlayer(running.EndPoint);
            watcher.Expect("newPlayer 1 10 7");

            // Half a line, then a normal close (FIN).
            using (var closer = new TestPlayer(running.EndPoint))
            {
                closer.Expect("newPlayer 2 17 12");
                closer.Send("move 1");
                closer.Socket.Shutdown(SocketShutdown.Both);
            }
            watcher.Expect("playerLeft 2");

            // Half a line, then a reset (RST): what a killed process or a pulled cable looks like.
            using (var killed = new TestPlayer(running.EndPoint))
            {
                killed.Expect("newPlayer 3 24 1");
                killed.Send("move 0");
                killed.Socket.LingerState = new LingerOption(true, 0);
                killed.Socket.Close();
            }
            watcher.Expect("playerLeft 3");

            // No thread left behind (the seed's spun at 96% CPU), and the game goes on: a newcomer is
            // greeted, and learns of the watcher's move (in its greeting, or relayed just after it).
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 1), "a departed player's thread is still running");
            watcher.Send("move 1 0\n");
            using var next = new TestPlayer(running.EndPoint);
            next.Expect("myIDis 4");
            next.ExpectMatch(l => l is "newPlayer 1 11 7" or "playerMoved 1 11 7", "player 1 at 11 7");
        }
        string log = serverLog.ToString();
        Assert.Contains("server: player 2 left in the middle of a line (the half line was thrown away)", log);
        Assert.Matches(@"server: player 3 (went away \(ConnectionReset\)|left in the middle of a line)", log);
    }

    [Fact]
    public async Task Many_players_moving_at_once_end_where_the_rules_say()
    {
        const int players = 16, diagonal = 60, back = 20;
        var (running, server) = await Servers.Start(Log.Null);
        await using (running)
        {
            var clients = Enumerable.Range(0, players).Select(_ => new TestPlayer(running.EndPoint)).ToList();
            try
            {
                // Everyone knows everyone before the race starts.
                foreach (var client in clients) client.ExpectMatch(l => l == $"newPlayer {players} " + Spawn(players), "the last player");

                // Each player sends its moves in random-sized pieces from its own thread, all at once:
                // the server's player threads update the shared table concurrently.
                string script = string.Concat(Enumerable.Repeat("move 1 1\n", diagonal)) + string.Concat(Enumerable.Repeat("move -1 0\n", back));
                Task[] senders = clients.Select((client, i) => Task.Run(() =>
                {
                    var random = new Random(i);
                    for (int at = 0; at < script.Length;)
                    {
                        int n = Math.Min(random.Next(1, 30), script.Length - at);
                        client.Send(script.Substring(at, n));
                        at += n;
                    }
                })).ToArray();
                await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30));

                // Every player sees every player's every move, and the last one says (19, 15):
                // 60 diagonal steps hit the right edge (39) and the bottom (15), then 20 steps back.
                // (Its own moves are left out: whether the mover hears them is the protocol's choice.)
                Task[] readers = clients.Select((client, i) => Task.Run(() =>
                {
                    int me = i + 1; // ids are handed out in order of connection
                    var seen = new Dictionary<int, (int Count, string Last)>();
                    while (seen.Count < players - 1 || seen.Values.Any(v => v.Count < diagonal + back))
                    {
                        string line = client.ExpectMatch(l => l.StartsWith("playerMoved ") && !l.StartsWith($"playerMoved {me} "), "moves");
                        int id = int.Parse(line.Split(' ')[1]);
                        seen[id] = (seen.GetValueOrDefault(id).Count + 1, line);
                    }
                    foreach (var (id, (count, last)) in seen)
                    {
                        Assert.Equal(diagonal + back, count);
                        Assert.Equal($"playerMoved {id} 19 15", last);
                    }
                })).ToArray();
                await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(40));

                Assert.All(server.Table.Snapshot(), entry => Assert.Equal(new Position(19, 15), entry.Value));
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
        }
    }

    [Fact]
    public async Task Two_hundred_players_all_hear_about_each_other()
    {
        const int players = 200;
        var (running, server) = await Servers.Start(Log.Null, o => o with { MaxClients = 250, MaxPerAddress = 250 });
        await using (running)
        {
            var clients = new List<TestPlayer>();
            try
            {
                for (int i = 0; i < players; i++) clients.Add(new TestPlayer(running.EndPoint));
                // The kernel keeps what arrived for each socket, so reading them one after the other is fine.
                foreach (var client in clients)
                {
                    var known = new HashSet<int>();
                    while (known.Count < players)
                        known.Add(int.Parse(client.ExpectMatch(l => l.StartsWith("newPlayer "), "newPlayer").Split(' ')[1]));
                }
                Assert.Equal(players, server.PlayerThreads);
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 0, 30), $"{server.PlayerThreads} player threads still running");
        }
    }

    [Fact]
    public async Task A_player_that_stops_reading_is_dropped_and_does_not_stall_the_others()
    {
        var serverLog = new Transcript();
        var (running, _) = await Servers.Start(new Log(serverLog, "server"), o => o with { SendBufferBytes = 4096 });
        await using (running)
        {
            using var mover = new TestPlayer(running.EndPoint);
            mover.Expect("newPlayer 1 10 7");
            using var sleeper = new TestPlayer(running.EndPoint, receiveBufferBytes: 4096); // never reads again
            mover.Expect("newPlayer 2 17 12");
            using var reader = new TestPlayer(running.EndPoint);
            reader.Expect("newPlayer 3 24 1");
            mover.Expect("newPlayer 3 24 1");
            // The mover reads everything it is sent, whatever that is, so it never becomes slow itself.
            Task draining = Task.Run(() =>
            {
                try { while (mover.NextLine() is not null) { } }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* the test is over */ }
            });

            // 4000 moves in batches of 100, each batch read by the reader before the next: both are
            // healthy players that keep up. The sleeper's buffers fill after a few hundred lines.
            var time = System.Diagnostics.Stopwatch.StartNew();
            for (int batch = 0; batch < 40; batch++)
            {
                mover.Send(string.Concat(Enumerable.Repeat("move 1 0\nmove -1 0\n", 50)));
                for (int i = 0; i < 100; i++) reader.ExpectMatch(l => l.StartsWith("playerMoved 1 "), "the mover's moves");
            }
            Assert.True(time.Elapsed < TimeSpan.FromSeconds(30), "the relay stalled"); // generous: it takes well under a second

            if (!reader.Received.Contains("playerLeft 2")) reader.Expect("playerLeft 2"); // it may have come between the moves
            mover.Socket.Shutdown(SocketShutdown.Both);
            await draining.WaitAsync(TimeSpan.FromSeconds(20));
        }
        Assert.Contains("server: dropped player 2: too slow", serverLog.ToString());
    }

    [Fact]
    public async Task Ctrl_C_closes_every_connection_and_joins_every_thread()
    {
        await using var process = RunningProcess.StartCourseProgram("dots", "server", "--port", "0");
        string listening = await process.WaitForLineAsync(l => l.Contains("listening on"), TimeSpan.FromSeconds(30));
        int port = int.Parse(PortPattern().Match(listening).Groups[1].Value);
        var endPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port);

        using var first = new TestPlayer(endPoint);
        first.Expect("newPlayer 1 10 7");
        using var second = new TestPlayer(endPoint);
        second.Expect("newPlayer 2 17 12");
        first.Expect("newPlayer 2 17 12");

        process.Interrupt();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(first.ReadToEnd());
        Assert.Empty(second.ReadToEnd()); // end of stream: the server closed them
        Assert.Contains("server: stopped: closed 2 connections, joined 2 player threads and the relay thread", process.StandardOutput);
        Assert.Equal("", process.StandardError);
    }

    private static string Spawn(int id) => $"{(id * 7 + 3) % 40} {(id * 5 + 2) % 16}";

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}
