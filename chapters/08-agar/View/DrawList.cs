using System.Globalization;
using System.Text;

namespace Agar.View;

/// <summary>
/// A draw surface that writes each operation as a line of text. A frame snapshot test compares this
/// text: it says "a red circle of radius 12.6 at (640, 360)" where a PNG hash would only say "different",
/// and it does not depend on how a rasteriser rounds anti-aliased edges on each CPU.
/// </summary>
public sealed class DrawList : IDrawSurface
{
    private readonly StringBuilder _lines = new();

    public void Clear(Argb color) => Add($"clear {color}");
    public void Rectangle(double x, double y, double width, double height, Argb fill) => Add($"rect {N(x)},{N(y)} {N(width)}x{N(height)} {fill}");
    public void Line(double x0, double y0, double x1, double y1, Argb color, double width) => Add($"line {N(x0)},{N(y0)} -> {N(x1)},{N(y1)} {color} w{N(width)}");
    public void Circle(double cx, double cy, double radius, Argb fill, Argb edge, double edgeWidth) => Add($"circle {N(cx)},{N(cy)} r{N(radius)} {fill} edge {edge} w{N(edgeWidth)}");
    public void Text(double x, double y, string text, int scale, Argb color, TextAlign align) => Add($"text {N(x)},{N(y)} x{scale} {align.ToString().ToLowerInvariant()} {color} \"{text}\"");

    public override string ToString() => _lines.ToString();

    private void Add(string line) => _lines.Append(line).Append('\n');
    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
