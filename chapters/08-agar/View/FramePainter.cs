using System.Globalization;
using Agar.Game;

namespace Agar.View;

/// <summary>
/// Draws one frame, back to front: background, grid, world border, pellets, players (small under big,
/// so the one about to eat covers its meal), then the heads-up display (leaderboard, mass, ping, FPS).
/// It reads only a <see cref="Frame"/> and writes only to an <see cref="IDrawSurface"/>: the same code
/// fills the SDL window, the headless PNG and the snapshot tests' draw list.
/// </summary>
public static class FramePainter
{
    private static readonly Argb Background = Argb.Of(0xF3F6F8);
    private static readonly Argb OutsideWorld = Argb.Of(0xD5DCE2);
    private static readonly Argb GridLine = Argb.Of(0xDCE3E9);
    private static readonly Argb Border = Argb.Of(0x8A99A6);
    private static readonly Argb Panel = Argb.Of(0x1B2733, 0xB4);
    private static readonly Argb White = Argb.Of(0xFFFFFF);
    private static readonly Argb Ink = Argb.Of(0x1B2733);
    private static readonly Argb Highlight = Argb.Of(0xFFD54F);
    private const double GridSpacing = 50;

    public static void Draw(IDrawSurface surface, Frame frame, int width, int height)
    {
        var camera = Camera.For(frame.World, width, height);
        surface.Clear(OutsideWorld);
        DrawWorldArea(surface, frame.World, camera);
        foreach (Pellet pellet in frame.World.Pellets)
        {
            var colour = Argb.Opaque(pellet.Color);
            surface.Circle(camera.ScreenX(pellet.Position.X), camera.ScreenY(pellet.Position.Y),
                Math.Max(1.5, WorldSettings.PelletRadius * camera.Scale), colour, colour, 0);
        }
        foreach (PlayerState player in frame.World.Players.OrderBy(p => p.Mass).ThenBy(p => p.Id))
            DrawPlayer(surface, player, camera);
        DrawLeaderboard(surface, frame.World, width);
        DrawStatus(surface, frame, height);
    }

    private static void DrawWorldArea(IDrawSurface surface, WorldView world, Camera camera)
    {
        // The world's own rectangle, clipped to the screen; outside it stays the darker "no man's land".
        var (min, max) = camera.Visible();
        double x0 = Math.Max(0, min.X), y0 = Math.Max(0, min.Y);
        double x1 = Math.Min(world.WorldWidth, max.X), y1 = Math.Min(world.WorldHeight, max.Y);
        if (x1 <= x0 || y1 <= y0) return;
        surface.Rectangle(camera.ScreenX(x0), camera.ScreenY(y0), (x1 - x0) * camera.Scale, (y1 - y0) * camera.Scale, Background);

        // Grid lines in world units, so they slide as you move and tighten as the camera zooms out.
        for (double x = Math.Ceiling(x0 / GridSpacing) * GridSpacing; x <= x1; x += GridSpacing)
            surface.Line(camera.ScreenX(x), camera.ScreenY(y0), camera.ScreenX(x), camera.ScreenY(y1), GridLine, 1);
        for (double y = Math.Ceiling(y0 / GridSpacing) * GridSpacing; y <= y1; y += GridSpacing)
            surface.Line(camera.ScreenX(x0), camera.ScreenY(y), camera.ScreenX(x1), camera.ScreenY(y), GridLine, 1);

        if (min.X <= 0) surface.Line(camera.ScreenX(0), camera.ScreenY(y0), camera.ScreenX(0), camera.ScreenY(y1), Border, 3);
        if (max.X >= world.WorldWidth) surface.Line(camera.ScreenX(world.WorldWidth), camera.ScreenY(y0), camera.ScreenX(world.WorldWidth), camera.ScreenY(y1), Border, 3);
        if (min.Y <= 0) surface.Line(camera.ScreenX(x0), camera.ScreenY(0), camera.ScreenX(x1), camera.ScreenY(0), Border, 3);
        if (max.Y >= world.WorldHeight) surface.Line(camera.ScreenX(x0), camera.ScreenY(world.WorldHeight), camera.ScreenX(x1), camera.ScreenY(world.WorldHeight), Border, 3);
    }

    private static void DrawPlayer(IDrawSurface surface, PlayerState player, Camera camera)
    {
        double x = camera.ScreenX(player.Position.X), y = camera.ScreenY(player.Position.Y);
        double radius = player.Radius * camera.Scale;
        var fill = Argb.Opaque(player.Color);
        surface.Circle(x, y, radius, fill, fill.Darker(0.75), Math.Max(2, radius * 0.08));

        // Letters sized to the cell, whole pixels per font cell; a dark copy offset by one cell keeps
        // white text readable on any colour.
        int scale = Math.Clamp((int)(radius * 1.6 / Math.Max(1, PixelFont.Width(player.Name, 1))), 1, 4);
        double top = y - PixelFont.Height(scale) / 2.0;
        surface.Text(x + scale, top + scale, player.Name, scale, Ink, TextAlign.Centre);
        surface.Text(x, top, player.Name, scale, White, TextAlign.Centre);
        if (radius > 28)
            surface.Text(x, top + PixelFont.Height(scale) + 2 * scale, Mass(player.Mass), Math.Max(1, scale - 1), White, TextAlign.Centre);
    }

    private static void DrawLeaderboard(IDrawSurface surface, WorldView world, int width)
    {
        const int scale = 2, line = 9 * scale, margin = 10, panelWidth = 220;
        double left = width - panelWidth - margin;
        surface.Rectangle(left, margin, panelWidth, 12 + line * (world.Leaderboard.Count + 1) + 6, Panel);
        surface.Text(left + panelWidth / 2.0, margin + 8, "LEADERBOARD", scale, White, TextAlign.Centre);
        foreach (LeaderboardEntry row in world.Leaderboard)
        {
            double y = margin + 8 + line * row.Rank;
            Argb colour = row.PlayerId == world.YouId ? Highlight : White;
            string name = row.Name.Length > 10 ? row.Name[..10] : row.Name;
            surface.Text(left + 10, y, $"{row.Rank}. {name}", scale, colour, TextAlign.Left);
            surface.Text(left + panelWidth - 10, y, Mass(row.Mass), scale, colour, TextAlign.Right);
        }
    }

    private static void DrawStatus(IDrawSurface surface, Frame frame, int height)
    {
        const int scale = 2;
        string ping = frame.PingMs is { } ms ? $"PING {ms.ToString("0", CultureInfo.InvariantCulture)} MS" : "OFFLINE";
        // A headless frame has no frame rate: "--" rather than a misleading 0.
        string fps = frame.Fps > 0 ? frame.Fps.ToString("0", CultureInfo.InvariantCulture) : "--";
        string line = $"FPS {fps}  {ping}";
        surface.Rectangle(10, 10, Math.Max(200, PixelFont.Width(line, scale) + 20), 26, Panel);
        surface.Text(20, 17, line, scale, White, TextAlign.Left);
        if (frame.Status is { Length: > 0 } status)
        {
            // Networked play: which smoothing is on, so a student toggling it sees what changed.
            surface.Rectangle(10, 40, PixelFont.Width(status, 2) + 20, 24, Panel);
            surface.Text(20, 46, status, 2, White, TextAlign.Left);
        }

        string mass = frame.World.You is { } you ? $"MASS {Mass(you.Mass)}" : "SPECTATING";
        surface.Rectangle(10, height - 46, 200, 36, Panel);
        surface.Text(20, height - 39, mass, 3, White, TextAlign.Left);
    }

    private static string Mass(double mass) => Math.Floor(mass).ToString("0", CultureInfo.InvariantCulture);
}
