using Agar.Game;

namespace Agar.Tests.Game;

public sealed class BotTests
{
    private static WorldView ViewWith(params PlayerState[] players) => new(
        1, 1000, 1000, YouId: 1, Centre: new Vec2(500, 500), HalfExtents: new Vec2(533, 300),
        players, [new Pellet(1, new Vec2(500, 400), new Rgb(0))], [], 0);

    private static PlayerState Me(double mass = 20) => new(1, "me", new Rgb(0), new Vec2(500, 500), mass);

    [Fact]
    public void A_bot_flees_a_bigger_player()
    {
        var input = new BotBrain(1, 1).Decide(ViewWith(Me(), new PlayerState(2, "big", new Rgb(0), new Vec2(600, 500), 100)));
        Assert.True(input.DirectionX < -0.9, $"expected to run left, got ({input.DirectionX}, {input.DirectionY})");
    }

    [Fact]
    public void A_bot_chases_a_smaller_player_before_pellets()
    {
        var input = new BotBrain(1, 1).Decide(ViewWith(Me(), new PlayerState(2, "small", new Rgb(0), new Vec2(500, 700), 10)));
        Assert.True(input.DirectionY > 0.9, $"expected to go down, got ({input.DirectionX}, {input.DirectionY})");
    }

    [Fact]
    public void A_bot_alone_seeks_the_nearest_pellet()
    {
        var input = new BotBrain(1, 1).Decide(ViewWith(Me()));
        Assert.True(input.DirectionY < -0.9, $"expected to go up, got ({input.DirectionX}, {input.DirectionY})");
    }

    [Fact]
    public void Bot_inputs_carry_increasing_sequence_numbers()
    {
        var brain = new BotBrain(1, 1);
        WorldView view = ViewWith(Me());
        Assert.Equal([1u, 2u, 3u], Enumerable.Range(0, 3).Select(_ => brain.Decide(view).Sequence));
    }
}
