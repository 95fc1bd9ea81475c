using SkiaSharp;

namespace Agar.View;

/// <summary>
/// Texts in the pixel font, each drawn once into a small image and then reused: a player's name is the
/// same string frame after frame, and one image is one draw call where its letters' runs were dozens of
/// rectangles (names drawn rectangle by rectangle took three quarters of a crowded frame). A window keeps
/// one for its whole life; at most 1,024 texts are kept, then the cache starts again.
/// </summary>
public sealed class TextImages : IDisposable
{
    private const int Capacity = 1024;
    private readonly Dictionary<(string Text, int Scale, uint Color), SKImage> _images = [];
    // Pixel-font cells must stay crisp squares: no anti-aliasing for text.
    private readonly SKPaint _cell = new() { IsAntialias = false, Style = SKPaintStyle.Fill };

    public SKImage For(string text, int scale, Argb color)
    {
        var key = (text, scale, color.Value);
        if (_images.TryGetValue(key, out SKImage? image)) return image;
        if (_images.Count >= Capacity) Clear();
        var info = new SKImageInfo(PixelFont.Width(text, scale), PixelFont.Height(scale), SKColorType.Bgra8888, SKAlphaType.Premul);
        using (var raster = SKSurface.Create(info))
        {
            _cell.Color = new SKColor(color.Value);
            raster.Canvas.Clear(SKColors.Transparent);
            foreach (var (x, y, length) in PixelFont.Runs(text))
                raster.Canvas.DrawRect(x * scale, y * scale, length * scale, scale, _cell);
            image = raster.Snapshot();
        }
        return _images[key] = image;
    }

    private void Clear()
    {
        foreach (SKImage image in _images.Values) image.Dispose();
        _images.Clear();
    }

    public void Dispose()
    {
        Clear();
        _cell.Dispose();
    }
}
