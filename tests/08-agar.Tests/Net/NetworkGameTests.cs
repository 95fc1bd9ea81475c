using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>
/// Server and clients over real UDP on 127.0.0.1, on game time (<see cref="TestClock"/>): join, see each
/// other, leave, time out. Five seconds of silence take a fraction of a real second.
/// </summary>
public sealed class NetworkGameTests
{
    [Fact]
    public async Task Two_players_join_see_each_other_and_the_leaderboard_then_one_leaves()
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld(), time: clock.Time);
        await using NetworkGame ann = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Ann", Time = clock.Time });
        NetworkGame bea = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Bea", Time = clock.Time });
        Assert.NotEqual(ann.YouId, bea.YouId);

        await clock.Until(() => ann.View().Players.Any(p => p.Name == "Bea") && ann.View().Leaderboard.Count == 2,
            "Ann sees Bea and a leaderboard of two", everyTick: () => { ann.Step(); bea.Step(); });
        WorldView view = ann.View();
        Assert.Equal(700, view.WorldWidth);
        Assert.NotEmpty(view.Pellets);
        Assert.Equal("Ann", view.You?.Name);

        await bea.DisposeAsync();
        await clock.Until(() => server.Server.Counters.Left == 1, "the server saw Bea leave");
        await clock.Until(() => ann.View().Players.All(p => p.Name != "Bea"), "Bea gone from Ann's view", everyTick: ann.Step);
        Assert.Contains("Bea (player 2) left", server.Log);
    }

    [Fact]
    public async Task A_player_who_sends_no_input_is_removed_after_five_seconds_and_not_before()
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld(), time: clock.Time);
        // A client that joins and then never steps: its library still sends packages, but no input.
        await using NetworkGame quiet = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Quiet", Time = clock.Time });
        Assert.Equal(1, server.Server.Read(room => room.Sessions.Count));

        await clock.Pass(4.5);
        Assert.Equal(0, server.Server.Counters.TimedOut);
        await clock.Until(() => server.Server.Counters.TimedOut == 1, "the silent player timed out", gameSeconds: 1.5);
        Assert.Equal(0, server.Server.Read(room => room.World.Players.Count));
        Assert.Contains("Quiet (player 1) timed out (no input for 5 s)", server.Log);
    }

    [Fact]
    public async Task Network_bots_play_and_grow()
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { Width = 900, Height = 600, PelletTarget = 120, Seed = 5 }, time: clock.Time);
        await using BotSwarm bots = await BotSwarm.JoinAsync(server.EndPoint, 4, seed: 9, time: clock.Time);
        await clock.Pass(3, everyTick: bots.Step);
        double total = server.Server.Read(room => room.World.Players.Sum(p => p.Mass));
        Assert.True(total > 4 * 10 + 5, $"four bots playing for 3 s should eat some pellets; total mass {total}");
        Assert.All(bots.Games, g => Assert.True(g.ViewsApplied > 30, $"bot {g.YouId} applied only {g.ViewsApplied} views"));
    }
}
