using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Agar.Game;
using Agar.Net;
using Agar.Tests.Net;
using Course.Testing;
using Netcode.Peers;
using Xunit.Abstractions;

namespace Agar.Tests.Hostile;

/// <summary>
/// Fake players against the agar server: they may take a seat only up to the limits, an honest player who
/// was there first keeps playing at full rate, and everything the fakes cost is given back once they go quiet.
/// </summary>
public sealed class FakePlayerTests(ITestOutputHelper output)
{
    [AttackFact]
    public async Task Fake_players_from_1500_ports_neither_starve_an_honest_one_nor_keep_their_memory()
    {
        const int Fakes = 1500;
        var log = new ConcurrentQueue<string>();
        var options = new PeerOptions { Log = log.Enqueue, ConnectionTimeout = TimeSpan.FromSeconds(2) };
        await using var server = new AgarServer(new WorldSettings { Seed = 3 }, options: options);
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        long heapAtStart = GC.GetTotalMemory(forceFullCollection: true);

        await using NetworkGame honest = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Honest" });
        using var playing = new CancellationTokenSource();
        Task play = PlayAsync(honest, playing.Token);
        // The honest player's rate with nobody attacking, measured on this machine as it is now: the probe's
        // rate is judged against it, so a busy test machine does not pass for an attack that starves.
        await Task.Delay(1000);
        long baselineViews = honest.ViewsApplied;
        var baselineClock = Stopwatch.StartNew();
        await Task.Delay(2000);
        double baseline = (honest.ViewsApplied - baselineViews) / baselineClock.Elapsed.TotalSeconds;

        using var crowd = new FakeCrowd(server.EndPoint, Fakes);
        using var probing = new CancellationTokenSource();
        Task probe = crowd.RunAsync(inputsPerSecond: 10, probing.Token);
        await Task.Delay(1000); // the crowd knocks, and as many as the limits allow get in
        long viewsBefore = honest.ViewsApplied, packagesBefore = server.NetStats.PackagesSent, ticksBefore = server.Loop.Ticks;
        var clock = Stopwatch.StartNew();
        await Task.Delay(3000);
        double viewsPerSecond = (honest.ViewsApplied - viewsBefore) / clock.Elapsed.TotalSeconds;
        var ms = server.TakeTickTimes(); ms.Sort();
        output.WriteLine($"tick ms p50 {ms[ms.Count / 2]:F2} p90 {ms[ms.Count * 9 / 10]:F2} max {ms[^1]:F2} over {ms.Count}");
        output.WriteLine($"during the probe: {(server.NetStats.PackagesSent - packagesBefore) / clock.Elapsed.TotalSeconds:F0} packages/s sent, {(server.Loop.Ticks - ticksBefore) / clock.Elapsed.TotalSeconds:F1} ticks/s, {server.Loop.MissedTicks} missed");
        int playersDuringProbe = server.Read(room => room.World.Players.Count);
        await probing.CancelAsync();
        await probe;

        // Quiet now: the library times their connections out, and the server forgets their players.
        await TestServer.Eventually(() => server.Read(room => room.Sessions.Count) == 1, "every fake player removed", seconds: 20);
        await TestServer.Eventually(() => server.NetStats.TimedOut >= playersDuringProbe - 1, "their connections timed out", seconds: 20);
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        await playing.CancelAsync();
        await play;

        output.WriteLine($"{crowd.Sent:N0} fake packages; {playersDuringProbe} players at the height of the probe; " +
                         $"refused {server.NetStats.Refused:N0} packages from new addresses; honest views {viewsPerSecond:F1}/s (before the probe {baseline:F1}/s); " +
                         $"heap {heapAtStart / 1e6:F1} MB at start, {heapAfter / 1e6:F1} MB after");
        // Starving looked like 2 views a second where 30 were due. Half the rate before the probe leaves room for
        // a test machine busy with other suites (in CI it measured 61 %); the rate itself is measured with the
        // probe as separate processes, on a quiet machine.
        Assert.True(viewsPerSecond >= 0.5 * baseline,
            $"the honest player got {viewsPerSecond:F1} views a second during the probe, against {baseline:F1} before it (30 is the tick rate)");
        Assert.True(server.NetStats.Refused > 0, "1,500 new addresses in a second should exceed the 100-a-second admission rate");
        Assert.True(heapAfter - heapAtStart < 50_000_000, $"the heap grew from {heapAtStart / 1e6:F1} MB to {heapAfter / 1e6:F1} MB and stayed there");
    }

    [AttackFact]
    public async Task A_join_beyond_the_player_cap_is_refused_with_the_reason()
    {
        await using var server = new AgarServer(TestServer.SmallWorld(), bots: 2, maxPlayers: 3);
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        await using NetworkGame third = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Third" });

        var refused = await Assert.ThrowsAsync<RefusedException>(() => NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Fourth" }));
        Assert.Equal("the server refused us: full: 3 players are playing", refused.Message);
        Assert.Equal(3, server.Read(room => room.World.Players.Count));
    }

    private static async Task PlayAsync(NetworkGame game, CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1 / 30.0));
        try { while (await tick.WaitForNextTickAsync(stop)) game.Step(); }
        catch (OperationCanceledException) { }
    }
}
