using Agar.Game;

namespace Agar.View;

/// <summary>
/// Everything one drawn frame shows: what the player sees of the world, plus the numbers a client knows
/// about itself. An offline game fills <see cref="PingMs"/> with null; a networked client measures it.
/// </summary>
/// <see cref="Status"/> is an extra line under the FPS, e.g. which network smoothing is switched on.
public sealed record Frame(WorldView World, double Fps, double? PingMs, string? Status = null);

/// <summary>
/// World to screen: the camera centres the view's centre and scales the view's height to the screen's,
/// so as the player grows and its area of interest widens, everything shrinks: the camera zooms out.
/// </summary>
public readonly record struct Camera(Vec2 Centre, double Scale, int ScreenWidth, int ScreenHeight)
{
    public static Camera For(WorldView view, int width, int height) =>
        new(view.Centre, height / (2 * view.HalfExtents.Y), width, height);

    public double ScreenX(double worldX) => (worldX - Centre.X) * Scale + ScreenWidth / 2.0;
    public double ScreenY(double worldY) => (worldY - Centre.Y) * Scale + ScreenHeight / 2.0;

    /// <summary>The world rectangle the screen shows (wider than the view's when the window is wide).</summary>
    public (Vec2 Min, Vec2 Max) Visible()
    {
        var half = new Vec2(ScreenWidth / 2.0 / Scale, ScreenHeight / 2.0 / Scale);
        return (Centre - half, Centre + half);
    }
}
