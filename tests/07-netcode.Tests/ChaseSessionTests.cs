using System.Net;
using System.Text.RegularExpressions;
using Chase;
using Course.Cli;
using Course.Testing;
using Netcode;
using Netcode.Peers;
using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>The chase game as the page runs it in three terminals: a server, four bots, and a client called "me".</summary>
public sealed partial class ChaseSessionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Server_four_bots_and_a_client_as_in_three_terminals()
    {
        var serverLog = new Transcript();
        var clientLog = new Transcript();
        var serverLines = new Log(serverLog, "server");
        int removed = 0;
        await using (Backend backend = ChaseGame.Create(new PeerOptions
                     {
                         Log = line =>
                         {
                             serverLines.Line(line);
                             if (line.EndsWith("timed out and was removed", StringComparison.Ordinal)) Interlocked.Increment(ref removed);
                         },
                     }))
        {
            await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
            IPEndPoint server = backend.Server.EndPoint;

            // Terminal 2: the bots join first (ids 1 to 4) and play until the client is done.
            using var stopBots = new CancellationTokenSource();
            Task bots = Task.WhenAll(Enumerable.Range(1, 4).Select(i => PlayUntilStopped(
                new ChasePlayer($"bot{i}", new PeerOptions { Seed = i }, Log.Null), server, stopBots.Token)));
            Assert.True(await Eventually(() => Players(backend) == 4), "the four bots did not all join");

            // Terminal 3: the client joins fifth, so it is player 5, and prints what it sees once a second.
            await new ChasePlayer("me", new PeerOptions(), new Log(clientLog, "client"))
                .RunAsync(server, TimeSpan.FromSeconds(3), report: true, CancellationToken.None).WaitAsync(Patience);
            stopBots.Cancel();
            await bots.WaitAsync(Patience);

            // UDP has no goodbye: the server forgets each of the five when it has heard nothing for a while.
            Assert.True(await Eventually(() => Volatile.Read(ref removed) == 5), "not every player timed out");
        }

        // The chaser changes as the game goes, and the version counts the state's updates: placeholders, like ports and times.
        // So is a send rate, if the report shows one (exercise 1 adds it): it halves while the link avoids congestion.
        string[] client = [.. Varying().Replace(clientLog.ToString(), m => m.Groups[1].Value switch
            {
                "version" => "version <n>",
                "chaser" => "chaser <id>",
                _ => "send rate <n>",
            })
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        // It reports once a second: how many reports fit depends on the machine's load, so the first one stands for all.
        Assert.True(client.Length >= 3 && client[1].Contains("version", StringComparison.Ordinal),
            $"the client did not report:\n{string.Join('\n', client)}");
        Snapshot.Match($"--- terminal 1: server ---\n{serverLog}" +
                       $"--- terminal 3: client --name me (the first of its once-a-second reports) ---\n" +
                       $"{client[0]}\n{client[1]}\n{client[^1]}\n");
    }

    private static async Task PlayUntilStopped(ChasePlayer player, IPEndPoint server, CancellationToken stop)
    {
        try { await player.RunAsync(server, TimeSpan.FromMinutes(1), report: false, stop); }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    private static int Players(Backend backend)
    {
        var state = backend.Store.GetGameState();
        return state.Has("players") && state["players"] is StateMap players ? players.Count : 0;
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20);
        }
        return true;
    }

    [GeneratedRegex(@"\b(version|chaser|send rate) (-?\d+)")]
    private static partial Regex Varying();
}
