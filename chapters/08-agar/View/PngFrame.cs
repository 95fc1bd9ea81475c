using SkiaSharp;

namespace Agar.View;

/// <summary>Renders a frame with no window at all: into a bitmap in memory, then into PNG bytes.</summary>
public static class PngFrame
{
    public static byte[] Render(Frame frame, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var surface = new SkiaSurface(canvas))
            FramePainter.Draw(surface, frame, width, height);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
