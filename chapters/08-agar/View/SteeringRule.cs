using Agar.Game;

namespace Agar.View;

/// <summary>
/// How a window turns keys and the mouse into a steering direction, shared by every front-end so they
/// all play the same: arrow keys win while any is held; otherwise the cell steers towards the mouse,
/// at full speed from a quarter of the window's shorter side away, slower nearer the centre.
/// </summary>
public static class SteeringRule
{
    public static Vec2 From(bool left, bool right, bool up, bool down, double mouseX, double mouseY, int width, int height)
    {
        var arrows = new Vec2((right ? 1 : 0) - (left ? 1 : 0), (down ? 1 : 0) - (up ? 1 : 0));
        if (arrows != Vec2.Zero) return arrows.Normalized();

        var offset = new Vec2(mouseX - width / 2.0, mouseY - height / 2.0);
        double fullSpeedAt = Math.Max(1, Math.Min(width, height) / 4.0);
        return (offset * (1 / fullSpeedAt)).ClampedToUnit();
    }
}
