using Agar.Game;
using Agar.View;

namespace Agar.Tests.View;

/// <summary>The rule both windows (SDL2 and raylib) use to turn keys and the mouse into a direction.</summary>
public class SteeringRuleTests
{
    [Fact]
    public void Arrow_keys_win_over_the_mouse_and_diagonals_are_not_faster()
    {
        Vec2 steer = SteeringRule.From(left: false, right: true, up: true, down: false, mouseX: 0, mouseY: 0, width: 800, height: 600);
        Assert.Equal(1.0, steer.Length, 6);
        Assert.True(steer.X > 0 && steer.Y < 0, $"up and right should steer up-right, got {steer}");
    }

    [Theory]
    [InlineData(400, 300, 0.0)]   // the mouse on the centre: stand still
    [InlineData(475, 300, 0.5)]   // half of a quarter of the shorter side (600 / 4 = 150): half speed
    [InlineData(550, 300, 1.0)]   // a quarter of the shorter side away: full speed
    [InlineData(799, 599, 1.0)]   // further: still full speed, never more
    public void The_mouse_steers_slower_near_the_centre(double x, double y, double expectedLength)
    {
        Vec2 steer = SteeringRule.From(false, false, false, false, x, y, 800, 600);
        Assert.Equal(expectedLength, steer.Length, 6);
    }

    [Fact]
    public void A_window_of_zero_size_does_not_divide_by_zero()
    {
        Vec2 steer = SteeringRule.From(false, false, false, false, 10, 0, 0, 0);
        Assert.False(double.IsNaN(steer.X) || double.IsNaN(steer.Y));
    }
}
