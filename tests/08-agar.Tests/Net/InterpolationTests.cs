using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>Entity interpolation: others are drawn between the two server views around the moment shown.</summary>
public sealed class InterpolationTests
{
    private static ViewMessage View(long tick, long baseTick, double x, double y, double mass) =>
        new(tick, baseTick, 0, 1, [(1, new Vec2(0, 0), 10), (2, new Vec2(x, y), mass)], [], [], []);

    [Fact]
    public void Another_player_is_drawn_between_the_two_views_around_the_moment()
    {
        var snapshots = new Snapshots();
        Assert.True(snapshots.Apply(View(10, 0, 100, 200, 20), 0));
        Assert.True(snapshots.Apply(View(13, 10, 130, 170, 26), 1));

        var halfway = snapshots.PlayersAt(11.5).Single(p => p.Id == 2);
        Assert.Equal(115, halfway.Position.X, 9);
        Assert.Equal(185, halfway.Position.Y, 9);
        Assert.Equal(23, halfway.Mass, 9);
        var third = snapshots.PlayersAt(11).Single(p => p.Id == 2);
        Assert.Equal(110, third.Position.X, 9);
        // Before the first view and after the last, the nearest view is drawn as it is.
        Assert.Equal(100, snapshots.PlayersAt(5).Single(p => p.Id == 2).Position.X);
        Assert.Equal(130, snapshots.PlayersAt(20).Single(p => p.Id == 2).Position.X);
    }

    [Fact]
    public void A_player_that_jumped_far_between_views_appears_instead_of_sliding_across_the_map()
    {
        var snapshots = new Snapshots();
        snapshots.Apply(View(10, 0, 100, 100, 10), 0);
        snapshots.Apply(View(11, 10, 1500, 900, 10), 1); // respawned on the other side
        Assert.Equal(1500, snapshots.PlayersAt(10.5).Single(p => p.Id == 2).Position.X);
    }
}
