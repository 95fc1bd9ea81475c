using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dots.Tests;

/// <summary>
/// A server with 64 seats is easy to fill: open 64 connections and say nothing, or one byte every few
/// minutes. The attacker here connects from 127.0.0.2, the honest players from 127.0.0.1; the server runs
/// with its default limits (only its clock is a fake one, so minutes pass in an instant).
/// </summary>
public sealed class AttackTests
{
    [AttackFact]
    public async Task Idle_connections_from_one_address_cannot_lock_everyone_else_out()
    {
        var time = new FakeTimeProvider();
        var (running, server) = await Servers.Start(Log.Null, o => o with { Time = time });
        await using (running)
        {
            var idle = new List<TestPlayer>();
            try
            {
                for (int i = 0; i < 64; i++) idle.Add(new TestPlayer(running.EndPoint, join: false, from: Attacker.Address));

                // The seats the attacker could not take are still there for an honest player.
                using var honest = new TestPlayer(running.EndPoint);
                honest.ExpectMatch(line => line.StartsWith("myIDis "), "a welcome");

                // Past its share the attacker was refused at once; the rest go when the handshake time is up.
                time.Advance(TimeSpan.FromSeconds(6));
                string[] ends = [.. idle.Select(socket => string.Join(" | ", socket.ReadToEnd()))];
                Assert.True(ends.Count(end => end.StartsWith("error too many connections from 127.0.0.2")) >= 32, string.Join("\n", ends));
                Assert.All(ends, end => Assert.Matches("^error (too many connections from 127.0.0.2|no join within 5 s)", end));
                Assert.True(Servers.Eventually(() => server.PlayerThreads == 1), $"{server.PlayerThreads} connections still open");

                // And the honest player is still playing: its lines are still read and answered. (Not "it
                // hears its own move": exercise 3 stops sending a mover its own moves.)
                honest.Send("move 1 0\nping\n");
                honest.ExpectMatch(line => line == "error unknown command: ping", "the answer to its next line");
            }
            finally
            {
                idle.ForEach(socket => socket.Dispose());
            }
        }
    }

    [AttackFact]
    public async Task A_trickle_of_bytes_is_not_a_line()
    {
        var time = new FakeTimeProvider();
        var (running, server) = await Servers.Start(Log.Null, o => o with { Time = time });
        await using (running)
        {
            // Before joining: "join" one letter every two seconds is not a join within the handshake time.
            using var slow = new TestPlayer(running.EndPoint, join: false, from: Attacker.Address);
            foreach (char letter in "jo")
            {
                slow.Send(letter.ToString());
                Thread.Sleep(300); // let the server's thread take the byte before the clock moves on
                time.Advance(TimeSpan.FromSeconds(3));
            }
            slow.Expect("error no join within 5 s, closing");
            Assert.Null(slow.NextLine());

            // After joining: one byte every 200 s keeps the connection busy but never makes a line, so
            // the idle timeout (300 s) still counts from the last whole line.
            using var dripper = new TestPlayer(running.EndPoint, from: Attacker.Address);
            dripper.ExpectMatch(line => line.StartsWith("myIDis "), "a welcome");
            for (int i = 0; i < 2; i++)
            {
                dripper.Send("m");
                Thread.Sleep(300);
                time.Advance(TimeSpan.FromSeconds(200));
            }
            dripper.Expect("error idle for 300 s, closing");
            Assert.True(Servers.Eventually(() => server.PlayerThreads == 0), $"{server.PlayerThreads} connections still open");
        }
    }
}
