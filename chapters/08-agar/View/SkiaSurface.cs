using SkiaSharp;

namespace Agar.View;

/// <summary>Draws the frame's operations on a SkiaSharp canvas: a window's pixels or a PNG's bitmap.</summary>
public sealed class SkiaSurface(SKCanvas canvas) : IDrawSurface, IDisposable
{
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    // Pixel-font cells must stay crisp squares: no anti-aliasing for text.
    private readonly SKPaint _text = new() { IsAntialias = false, Style = SKPaintStyle.Fill };

    public void Clear(Argb color) => canvas.Clear(new SKColor(color.Value));

    public void Rectangle(double x, double y, double width, double height, Argb fill)
    {
        _fill.Color = new SKColor(fill.Value);
        canvas.DrawRect((float)x, (float)y, (float)width, (float)height, _fill);
    }

    public void Line(double x0, double y0, double x1, double y1, Argb color, double width)
    {
        _stroke.Color = new SKColor(color.Value);
        _stroke.StrokeWidth = (float)width;
        canvas.DrawLine((float)x0, (float)y0, (float)x1, (float)y1, _stroke);
    }

    public void Circle(double cx, double cy, double radius, Argb fill, Argb edge, double edgeWidth)
    {
        _fill.Color = new SKColor(fill.Value);
        canvas.DrawCircle((float)cx, (float)cy, (float)radius, _fill);
        if (edgeWidth <= 0) return;
        _stroke.Color = new SKColor(edge.Value);
        _stroke.StrokeWidth = (float)edgeWidth;
        canvas.DrawCircle((float)cx, (float)cy, (float)(radius - edgeWidth / 2), _stroke);
    }

    public void Text(double x, double y, string text, int scale, Argb color, TextAlign align)
    {
        _text.Color = new SKColor(color.Value);
        // Snap to whole pixels so every cell covers exactly scale × scale pixels.
        int left = (int)Math.Round(DrawSurfaceExtensions.AlignedLeft(x, PixelFont.Width(text, scale), align));
        int top = (int)Math.Round(y);
        foreach (var (cx, cy, length) in PixelFont.Runs(text))
            canvas.DrawRect(left + cx * scale, top + cy * scale, length * scale, scale, _text);
    }

    public void Dispose()
    {
        _fill.Dispose();
        _stroke.Dispose();
        _text.Dispose();
    }
}
