using SkiaSharp;

namespace Agar.View;

/// <summary>Draws the frame's operations on a SkiaSharp canvas: a window's pixels or a PNG's bitmap.</summary>
public sealed class SkiaSurface(SKCanvas canvas, TextImages? texts = null) : IDrawSurface, IDisposable
{
    private readonly TextImages _texts = texts ?? new TextImages();
    private readonly bool _ownsTexts = texts is null;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };

    public void Clear(Argb color)
    {
        _dots.Clear();
        canvas.Clear(new SKColor(color.Value));
    }

    public void Rectangle(double x, double y, double width, double height, Argb fill)
    {
        FlushDots();
        _fill.Color = new SKColor(fill.Value);
        canvas.DrawRect((float)x, (float)y, (float)width, (float)height, _fill);
    }

    public void Line(double x0, double y0, double x1, double y1, Argb color, double width)
    {
        FlushDots();
        _stroke.Color = new SKColor(color.Value);
        _stroke.StrokeWidth = (float)width;
        canvas.DrawLine((float)x0, (float)y0, (float)x1, (float)y1, _stroke);
    }

    public void Circle(double cx, double cy, double radius, Argb fill, Argb edge, double edgeWidth)
    {
        // Small plain dots (pellets: a thousand a frame) wait and go to Skia as one batch of points per
        // colour, which draws them many times faster than one circle call each. Anything else drawn
        // first sends the batch, so nothing drawn later can end up under a dot.
        if (edgeWidth <= 0 && radius <= MaxDotRadius)
        {
            if (_dots.Count > 0 && _dotRadius != radius) FlushDots();
            _dotRadius = radius;
            if (!_dots.TryGetValue(fill.Value, out List<SKPoint>? points)) _dots[fill.Value] = points = [];
            points.Add(new SKPoint((float)cx, (float)cy));
            _dotCount++;
            return;
        }
        FlushDots();
        _fill.Color = new SKColor(fill.Value);
        canvas.DrawCircle((float)cx, (float)cy, (float)radius, _fill);
        if (edgeWidth <= 0) return;
        _stroke.Color = new SKColor(edge.Value);
        _stroke.StrokeWidth = (float)edgeWidth;
        canvas.DrawCircle((float)cx, (float)cy, (float)(radius - edgeWidth / 2), _stroke);
    }

    public void Text(double x, double y, string text, int scale, Argb color, TextAlign align)
    {
        FlushDots();
        if (text.Length == 0) return;
        // Snap to whole pixels so every cell covers exactly scale × scale pixels.
        int left = (int)Math.Round(DrawSurfaceExtensions.AlignedLeft(x, PixelFont.Width(text, scale), align));
        int top = (int)Math.Round(y);
        canvas.DrawImage(_texts.For(text, scale, color), left, top);
    }

    private const double MaxDotRadius = 8;
    private readonly Dictionary<uint, List<SKPoint>> _dots = [];
    private readonly SKPaint _dot = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
    private double _dotRadius;
    private int _dotCount;

    /// <summary>Draws the dots waiting, one call per colour: a round-capped point of the dot's diameter is the dot.</summary>
    public void FlushDots()
    {
        if (_dotCount == 0) return;
        _dot.StrokeWidth = (float)(2 * _dotRadius);
        foreach (var (color, points) in _dots)
        {
            if (points.Count == 0) continue;
            _dot.Color = new SKColor(color);
            canvas.DrawPoints(SKPointMode.Points, [.. points], _dot);
            points.Clear();
        }
        _dotCount = 0;
    }

    public void Dispose()
    {
        FlushDots();
        _dot.Dispose();
        if (_ownsTexts) _texts.Dispose();
        _fill.Dispose();
        _stroke.Dispose();
    }
}
