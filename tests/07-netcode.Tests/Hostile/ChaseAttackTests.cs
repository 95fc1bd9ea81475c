using System.Net;
using System.Net.Sockets;
using Chase;
using Course.Testing;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests.Hostile;

/// <summary>
/// The chase server under the probes that once hurt it: a JOIN flood from one socket, a client killed
/// mid-game, and forged MOVE and LEAVE events. Attackers send from 127.0.0.2, honest players from 127.0.0.1.
/// </summary>
public sealed class ChaseAttackTests
{
    private static async Task<(Client Client, long Id)> JoinAsync(Backend backend, string name)
    {
        var client = new Client();
        long id = -1;
        client.RegisterEventHandler("PLAYER_CREATED", e => Interlocked.CompareExchange(ref id, e.Arg<long>(0), -1));
        await client.ConnectAsync(backend.Server.EndPoint, Alive.Patience);
        client.DispatchEvent(new NetEvent("JOIN", name), retries: 5);
        await Alive.Until(() => Interlocked.Read(ref id) > 0, $"{name} got its player id");
        await client.WaitUntilAsync(s => Players(s).ContainsKey(id), Alive.Patience);
        return (client, id);
    }

    private static StateMap Players(GameState state) => state.Has("players") ? (StateMap)state["players"]! : [];

    private static int PlayerCount(Backend backend) => Players(backend.Store.GetGameState()).Count;

    [AttackFact]
    public async Task A_JOIN_flood_from_one_socket_adds_one_player_and_starves_no_one()
    {
        await using Backend backend = ChaseGame.Create(new PeerOptions());
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var (host, _) = await JoinAsync(backend, "host");
        await using var _h = host;

        // The probe: packages of 39 JOIN events (PyGaSe allows 5) and packages of 5, as fast as one socket sends.
        using var attacker = new RawPeer(backend.Server.EndPoint, Attacker.Address);
        byte[] join = new NetEvent("JOIN", "flood").Encode();
        using var flooding = new CancellationTokenSource();
        long sent = 0;
        Task flood = Task.Run(() =>
        {
            for (ushort sequence = 1; !flooding.IsCancellationRequested; sequence = sequence == ushort.MaxValue ? (ushort)1 : (ushort)(sequence + 1))
            {
                byte[] package = attacker.Package(sequence);
                var events = sequence % 2 == 0 ? Enumerable.Repeat(join, 39) : Enumerable.Repeat(join, 5);
                attacker.SendRaw([.. package, .. events.SelectMany(e => (byte[])[(byte)(e.Length >> 8), (byte)e.Length, .. e])]);
                sent++;
            }
        });
        try
        {
            await Task.Delay(500);
            // While the flood goes on, a new player joins and plays within a couple of seconds.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (late, lateId) = await JoinAsync(backend, "late");
            await using var _l = late;
            TimeSpan joinedIn = clock.Elapsed;
            long before = late.UpdatesApplied;
            await Task.Delay(2000);
            double perSecond = (late.UpdatesApplied - before) / 2.0;

            Assert.True(joinedIn < TimeSpan.FromSeconds(3), $"a new client needed {joinedIn.TotalSeconds:F1} s to join during the flood");
            // The flood thread alone keeps one of the machine's cores busy, and other suites may share the
            // other, so the bound is loose: starved (the bug) was nothing at all for 9 s; a quarter of the
            // send rate over two seconds is plainly served.
            Assert.True(perSecond >= 10, $"the new client applied {perSecond:0.#} updates a second during the flood (the server sends 40)");
            // Host and late, and at most ONE player for the flooding address: thousands of JOINs, never
            // thousands of players. (On a crowded machine its one player may be gone already: CI once saw 2.)
            int players = PlayerCount(backend);
            Assert.True(players is 2 or 3 && Players(backend.Store.GetGameState()).ContainsKey(lateId),
                $"expected the host, late and at most one player for the flooding address; the game has {players} players");
            Assert.True(backend.Server.Stats.Flooded > 1000, $"only {backend.Server.Stats.Flooded} packages were dropped as a flood out of {sent}");
            Assert.True(backend.Server.Stats.Malformed > 0, "the 39-event packages should be refused as malformed");

            // The host can still stop its server in the middle of the flood.
            await host.DisconnectAsync(shutdownServer: true);
            await backend.Stopped.WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await flooding.CancelAsync();
            await flood;
        }
    }

    [AttackFact]
    public async Task A_client_killed_mid_game_is_removed_when_it_times_out()
    {
        await using Backend backend = ChaseGame.Create(new PeerOptions { ConnectionTimeout = TimeSpan.FromSeconds(1) });
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var (honest, _) = await JoinAsync(backend, "honest");
        await using var _h = honest;

        // A client that joins and then dies as under kill -9: no LEAVE, nothing more at all.
        using (var doomed = new RawPeer(backend.Server.EndPoint, Attacker.Address))
        {
            doomed.Send(1, new NetEvent("JOIN", "doomed"));
            await Alive.Until(() => PlayerCount(backend) == 2, "the doomed client has a player");
        }
        await Alive.Until(() => PlayerCount(backend) == 1, "the dead client's player is removed after the 1 s timeout");
        await honest.WaitUntilAsync(s => Players(s).Count == 1, Alive.Patience);
    }

    [AttackFact]
    public async Task Forged_MOVE_and_LEAVE_neither_create_phantoms_nor_touch_other_players()
    {
        await using Backend backend = ChaseGame.Create(new PeerOptions());
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var (victim, victimId) = await JoinAsync(backend, "victim");
        await using var _v = victim;
        victim.DispatchEvent(new NetEvent("MOVE", victimId, 100.0, 100.0));
        await victim.WaitUntilAsync(s => ChaseGame.Position(Players(s)[victimId]) == (100.0, 100.0), Alive.Patience);

        // A third address that never joined, then names an id that does not exist and the victim's id.
        using var forger = new RawPeer(backend.Server.EndPoint, Attacker.Address);
        forger.Send(1, new NetEvent("MOVE", 999L, 1.0, 1.0), new NetEvent("MOVE", victimId, 1.0, 1.0), new NetEvent("LEAVE", victimId));
        await Task.Delay(300); // several ticks: each would have applied the forgery by now
        GameState state = backend.Store.GetGameState();
        Assert.False(Players(state).ContainsKey(999L), "MOVE [999, 1, 1] created a phantom player");
        Assert.True(Players(state).ContainsKey(victimId), "a forged LEAVE removed the victim");
        Assert.Equal((100.0, 100.0), ChaseGame.Position(Players(state)[victimId]));

        // Once it has a player of its own, the forger's MOVE with the victim's id moves only the forger.
        forger.Send(2, new NetEvent("JOIN", "forger"));
        await Alive.Until(() => PlayerCount(backend) == 2, "the forger joined");
        long forgerId = Players(backend.Store.GetGameState()).Keys.Select(k => Values.As<long>(k)).Single(id => id != victimId);
        forger.Send(3, new NetEvent("MOVE", victimId, 5.0, 5.0), new NetEvent("LEAVE", victimId));
        await Alive.Until(() => !Players(backend.Store.GetGameState()).ContainsKey(forgerId), "the forger's own LEAVE removed the forger");
        state = backend.Store.GetGameState();
        Assert.Equal((100.0, 100.0), ChaseGame.Position(Players(state)[victimId]));
    }
}
