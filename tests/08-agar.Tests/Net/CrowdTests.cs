using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>
/// A crowd dense enough that a view of everyone in sight could not fit a package: the server must go on
/// ticking, and every client must go on getting views that fit. At 500 players an earlier server built a
/// 2,068-byte view, the library threw, and the tick loop ended while the process went on sending a
/// frozen world.
/// </summary>
public sealed class CrowdTests
{
    [Fact]
    public async Task Three_hundred_players_in_one_small_room_and_the_world_still_ticks_and_every_view_fits()
    {
        await using var clock = new TestClock();
        // 300 of the server's own bots in a room the size of one view, with 2,000 pellets: every player and
        // every pellet is in everyone's view. AreaPerPlayer 1 keeps the room from growing.
        var settings = new WorldSettings { Width = 700, Height = 400, PelletTarget = 2000, AreaPerPlayer = 1, Seed = 11 };
        await using TestServer server = await TestServer.StartAsync(settings, bots: 300, time: clock.Time);
        await using NetworkGame watcher = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "Watcher", Time = clock.Time });

        // A tick of 300 players in view takes longer than the clock's few milliseconds (over 100 ms in a Debug
        // build): each tick of game time waits until the server has ticked. A server that stopped ticking
        // still lets time pass, only more slowly, and fails the counts below.
        clock.PaceOn = () => server.Server.Loop.Ticks;
        long ticksBefore = server.Server.Loop.Ticks, viewsBefore = watcher.ViewsApplied;
        await clock.Pass(3, everyTick: watcher.Step);

        Assert.True(server.Server.Loop.Ticks - ticksBefore >= 80, $"the world ticked {server.Server.Loop.Ticks - ticksBefore} times in 3 s of game time");
        // Views leave at the 40-a-second send slots. Game time jumps a whole tick at once, so a slot and the next
        // tick can fall due together, and then the tick's new view replaces the unsent one: about one view in
        // three never leaves (61 views in 90 ticks, in one run). Half the ticks still says views keep flowing.
        long ticks = server.Server.Loop.Ticks - ticksBefore, views = watcher.ViewsApplied - viewsBefore;
        Assert.True(views >= ticks / 2, $"the watcher applied {views} views in {ticks} ticks");
        Assert.Equal(0, server.Server.NetStats.OversizeEvents);
        Assert.Equal(0, server.Server.Counters.ViewFaults);
        Assert.Equal(0, server.Server.Loop.HandlerFailures);
        Assert.True(watcher.View().Players.Count >= ViewFeed.MaxPlayers - 1, "the watcher should see a crowd");
        Assert.False(server.Server.Stopped.IsCompleted);
    }
}
