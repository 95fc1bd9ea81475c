using Agar.Game;
using Agar.Net;
using Netcode.Wire;

namespace Agar.Tests.Net;

/// <summary>
/// A view is bounded by construction: however crowded the spot, its encoded size stays within the budget
/// it was given, and what did not fit arrives in later views. At 500 players the old feed once built a
/// 2,068-byte view, the library threw, and the tick loop died.
/// </summary>
public sealed class ViewBudgetTests
{
    [Fact]
    public void Three_hundred_players_and_two_thousand_pellets_in_one_view_still_fit_the_budget()
    {
        // Everyone in one spot: every player and every pellet is in everyone's view.
        var world = new World(new WorldSettings { Width = 600, Height = 400, PelletTarget = 2000, AreaPerPlayer = 1, Seed = 3 });
        for (int i = 0; i < 300; i++) world.AddPlayer($"player with a long name {i}"[..16]);
        world.Step(world.Settings.TickSeconds);
        var feed = new ViewFeed(1);
        int budget = 2048 - 12 - 2 - 448 - 2;
        var seenPellets = new HashSet<int>();
        var named = new HashSet<int>();
        for (int tick = 0; tick < 40; tick++)
        {
            ViewMessage view = feed.Next(world, 0, budget);
            int size = view.ToEvent().Encode().Length;
            Assert.True(size <= budget, $"tick {tick}: a view of {size} bytes for a budget of {budget}");
            Assert.True(view.Players.Count <= ViewFeed.MaxPlayers);
            foreach (Pellet p in view.Added) seenPellets.Add(p.Id);
            foreach (var (id, _, _) in view.Names) named.Add(id);
            feed.Acknowledge(view.Tick); // the client got it: the next view is a delta on it
            world.Step(world.Settings.TickSeconds);
        }
        // What did not fit in the first views arrived in the following ones.
        Assert.True(seenPellets.Count > 500, $"only {seenPellets.Count} pellets reached the client in 40 views");
        Assert.True(named.Count >= ViewFeed.MaxPlayers - 1, $"only {named.Count} players were named in 40 views");
    }

    [Fact]
    public void Area_of_interest_leaves_out_players_and_pellets_that_are_far_away()
    {
        var world = new World(new WorldSettings { Width = 4000, Height = 4000, PelletTarget = 400, Seed = 5 });
        Player me = world.AddPlayer("me"), near = world.AddPlayer("near"), far = world.AddPlayer("far");
        me.Position = new Vec2(500, 500);
        near.Position = new Vec2(700, 550);
        far.Position = new Vec2(3500, 3500);
        world.Step(world.Settings.TickSeconds);
        Vec2 half = AreaOfInterest.HalfExtentsFor(me.Mass, world.Settings);

        ViewMessage view = new ViewFeed(me.Id).Next(world, 0);

        Assert.Contains(view.Players, p => p.Id == near.Id);
        Assert.DoesNotContain(view.Players, p => p.Id == far.Id);
        Assert.All(view.Added, p => Assert.True(Math.Abs(p.Position.X - me.Position.X) <= half.X + 1 && Math.Abs(p.Position.Y - me.Position.Y) <= half.Y + 1,
            $"pellet {p.Id} at {p.Position} is outside the view around {me.Position}"));
        Assert.True(world.Pellets.Count(p => Math.Abs(p.Position.X - 500) > half.X + 10) > 0, "the world should have pellets out of view too");
        Assert.True(view.Added.Count < world.Pellets.Count, "the view sent every pellet in the world");
    }
}
