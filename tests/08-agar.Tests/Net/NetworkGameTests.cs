using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>Server and clients over real UDP on 127.0.0.1: join, see each other, leave, time out.</summary>
public sealed class NetworkGameTests
{
    [Fact]
    public async Task Two_players_join_see_each_other_and_the_leaderboard_then_one_leaves()
    {
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld());
        await using NetworkGame ann = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Ann" });
        NetworkGame bea = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Bea" });
        Assert.NotEqual(ann.YouId, bea.YouId);

        await TestServer.Eventually(() => ann.View().Players.Any(p => p.Name == "Bea") && ann.View().Leaderboard.Count == 2,
            "Ann sees Bea and a leaderboard of two", meanwhile: () => { ann.Step(); bea.Step(); });
        WorldView view = ann.View();
        Assert.Equal(700, view.WorldWidth);
        Assert.NotEmpty(view.Pellets);
        Assert.Equal("Ann", view.You?.Name);

        await bea.DisposeAsync();
        await TestServer.Eventually(() => server.Server.Counters.Left == 1, "the server saw Bea leave");
        await TestServer.Eventually(() => ann.View().Players.All(p => p.Name != "Bea"), "Bea gone from Ann's view", meanwhile: ann.Step);
        Assert.Contains("Bea (player 2) left", server.Log);
    }

    [Fact]
    public async Task A_player_who_goes_silent_is_removed_after_the_timeout()
    {
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld());
        // A client that joins and then never steps: it sends no inputs, so the game hears nothing from it.
        await using NetworkGame quiet = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Quiet" });
        Assert.Equal(1, server.Server.Read(room => room.Sessions.Count));
        await TestServer.Eventually(() => server.Server.Counters.TimedOut == 1, "the silent player timed out", seconds: 20);
        Assert.Equal(0, server.Server.Read(room => room.World.Players.Count));
        Assert.Contains("Quiet (player 1) timed out", server.Log);
    }

    [Fact]
    public async Task Network_bots_play_and_grow()
    {
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { Width = 900, Height = 600, PelletTarget = 120, Seed = 5 });
        await using BotSwarm bots = await BotSwarm.JoinAsync(server.EndPoint, 4, seed: 9);
        await bots.PlayAsync(TimeSpan.FromSeconds(3), CancellationToken.None);
        double total = server.Server.Read(room => room.World.Players.Sum(p => p.Mass));
        Assert.True(total > 4 * 10 + 5, $"four bots playing for 3 s should eat some pellets; total mass {total}");
        Assert.All(bots.Games, g => Assert.True(g.ViewsApplied > 30, $"bot {g.YouId} applied only {g.ViewsApplied} views"));
    }
}
