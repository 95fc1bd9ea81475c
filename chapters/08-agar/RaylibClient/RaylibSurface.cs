using System.Numerics;
using Agar.View;
using Raylib_cs;
using static Raylib_cs.Raylib;

namespace Agar.Raylib;

/// <summary>
/// The frame painter's six drawing operations, done with raylib's own shape calls. The painter decides
/// what goes where (camera, grid, cells, leaderboard); this class only knows how raylib draws a
/// rectangle, a line, a circle and a block of pixels. Call it between BeginDrawing and EndDrawing.
/// </summary>
public sealed class RaylibSurface : IDrawSurface
{
    /// <summary>Segments per circle edge: smooth enough for a big cell, cheap for hundreds of pellets.</summary>
    private const int RingSegments = 48;

    public void Clear(Argb color) => ClearBackground(ToColor(color));

    public void Rectangle(double x, double y, double width, double height, Argb fill) =>
        DrawRectangleV(new Vector2((float)x, (float)y), new Vector2((float)width, (float)height), ToColor(fill));

    public void Line(double x0, double y0, double x1, double y1, Argb color, double width) =>
        DrawLineEx(new Vector2((float)x0, (float)y0), new Vector2((float)x1, (float)y1), (float)width, ToColor(color));

    public void Circle(double cx, double cy, double radius, Argb fill, Argb edge, double edgeWidth)
    {
        var centre = new Vector2((float)cx, (float)cy);
        DrawCircleV(centre, (float)radius, ToColor(fill));
        // raylib has no stroked circle of a given width; a ring from (radius - width) to radius is one.
        if (edgeWidth > 0)
            DrawRing(centre, (float)Math.Max(0, radius - edgeWidth), (float)radius, 0, 360, RingSegments, ToColor(edge));
    }

    public void Text(double x, double y, string text, int scale, Argb color, TextAlign align)
    {
        // The course's pixel font, not raylib's default font: both windows then show the same letters.
        // Whole pixels, like the SkiaSharp surface, so every font cell is a crisp scale × scale square.
        int left = (int)Math.Round(DrawSurfaceExtensions.AlignedLeft(x, PixelFont.Width(text, scale), align));
        int top = (int)Math.Round(y);
        Color ink = ToColor(color);
        foreach (var (cx, cy, length) in PixelFont.Runs(text))
            DrawRectangle(left + cx * scale, top + cy * scale, length * scale, scale, ink);
    }

    /// <summary>0xAARRGGBB, the painter's colours, to raylib's RGBA bytes.</summary>
    private static Color ToColor(Argb argb) =>
        new((byte)(argb.Value >> 16), (byte)(argb.Value >> 8), (byte)argb.Value, argb.A);
}
