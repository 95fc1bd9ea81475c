using Agar.Game;

namespace Agar.View;

/// <summary>A colour with opacity, 0xAARRGGBB.</summary>
public readonly record struct Argb(uint Value)
{
    public static Argb Opaque(Rgb rgb) => new(0xFF000000 | rgb.Value);
    public static Argb Of(uint rgb, byte alpha = 0xFF) => new(((uint)alpha << 24) | (rgb & 0xFFFFFF));
    public byte A => (byte)(Value >> 24);
    /// <summary>The same colour with each channel multiplied by <paramref name="k"/> (0..1): a darker edge.</summary>
    public Argb Darker(double k) => new((Value & 0xFF000000)
        | (uint)((byte)((Value >> 16 & 0xFF) * k) << 16) | (uint)((byte)((Value >> 8 & 0xFF) * k) << 8) | (byte)((Value & 0xFF) * k));
    public override string ToString() => $"#{Value:X8}";
}

public enum TextAlign { Left, Centre, Right }

/// <summary>
/// The handful of drawing operations a frame needs. The frame painter draws through this interface
/// only, so the same frame goes to SkiaSharp (window or PNG) or to a plain-text draw list (snapshot
/// tests), and the game never learns which drawing library there is.
/// </summary>
public interface IDrawSurface
{
    void Clear(Argb color);
    void Rectangle(double x, double y, double width, double height, Argb fill);
    void Line(double x0, double y0, double x1, double y1, Argb color, double width);
    void Circle(double cx, double cy, double radius, Argb fill, Argb edge, double edgeWidth);
    /// <summary>Text in <see cref="PixelFont"/>, <paramref name="scale"/> screen pixels per font cell; y is the top.</summary>
    void Text(double x, double y, string text, int scale, Argb color, TextAlign align);
}

public static class DrawSurfaceExtensions
{
    /// <summary>Left edge of text of this width when aligned at <paramref name="x"/>.</summary>
    public static double AlignedLeft(double x, int width, TextAlign align) => align switch
    {
        TextAlign.Centre => x - width / 2.0,
        TextAlign.Right => x - width,
        _ => x,
    };
}
