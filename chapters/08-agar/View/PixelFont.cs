namespace Agar.View;

/// <summary>
/// The course's own 5×7 pixel font, defined right here in code. A font file would render slightly
/// differently under each OS's font engine (hinting, anti-aliasing) and would be someone else's work to
/// license; squares drawn from this table are the same on every machine, which frame snapshots need.
/// Each glyph is seven rows of five cells, '#' lit. Lower case is drawn as upper case.
/// </summary>
public static class PixelFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;
    /// <summary>Glyph width plus one blank column between letters.</summary>
    public const int Advance = GlyphWidth + 1;

    private static readonly Dictionary<char, string[]> Glyphs = Build(
        "A .###. #...# #...# ##### #...# #...# #...#", "B ####. #...# #...# ####. #...# #...# ####.",
        "C .###. #...# #.... #.... #.... #...# .###.", "D ####. #...# #...# #...# #...# #...# ####.",
        "E ##### #.... #.... ####. #.... #.... #####", "F ##### #.... #.... ####. #.... #.... #....",
        "G .###. #...# #.... #.### #...# #...# .####", "H #...# #...# #...# ##### #...# #...# #...#",
        "I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", "J ..### ...#. ...#. ...#. ...#. #..#. .##..",
        "K #...# #..#. #.#.. ##... #.#.. #..#. #...#", "L #.... #.... #.... #.... #.... #.... #####",
        "M #...# ##.## #.#.# #.#.# #...# #...# #...#", "N #...# #...# ##..# #.#.# #..## #...# #...#",
        "O .###. #...# #...# #...# #...# #...# .###.", "P ####. #...# #...# ####. #.... #.... #....",
        "Q .###. #...# #...# #...# #.#.# #..#. .##.#", "R ####. #...# #...# ####. #.#.. #..#. #...#",
        "S .#### #.... #.... .###. ....# ....# ####.", "T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        "U #...# #...# #...# #...# #...# #...# .###.", "V #...# #...# #...# #...# #...# .#.#. ..#..",
        "W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.", "X #...# #...# .#.#. ..#.. .#.#. #...# #...#",
        "Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..", "Z ##### ....# ...#. ..#.. .#... #.... #####",
        "0 .###. #...# #..## #.#.# ##..# #...# .###.", "1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        "2 .###. #...# ....# ...#. ..#.. .#... #####", "3 ####. ....# ....# .###. ....# ....# ####.",
        "4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.", "5 ##### #.... ####. ....# ....# #...# .###.",
        "6 ..##. .#... #.... ####. #...# #...# .###.", "7 ##### ....# ...#. ..#.. .#... .#... .#...",
        "8 .###. #...# #...# .###. #...# #...# .###.", "9 .###. #...# #...# .#### ....# ...#. .##..",
        ". ..... ..... ..... ..... ..... .##.. .##..", ": ..... .##.. .##.. ..... .##.. .##.. .....",
        "- ..... ..... ..... ##### ..... ..... .....", "# .#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        "/ ....# ....# ...#. ..#.. .#... #.... #....", "( ...#. ..#.. .#... .#... .#... ..#.. ...#.",
        ") .#... ..#.. ...#. ...#. ...#. ..#.. .#...", "% ##..# ##..# ...#. ..#.. .#... #..## #..##",
        "? .###. #...# ....# ...#. ..#.. ..... ..#..", "! ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
        ", ..... ..... ..... ..... .##.. ..#.. .#...", "_ ..... ..... ..... ..... ..... ..... #####",
        "+ ..... ..#.. ..#.. ##### ..#.. ..#.. .....", "= ..... ..... ##### ..... ##### ..... .....",
        "' ..#.. ..#.. .#... ..... ..... ..... .....", "  ..... ..... ..... ..... ..... ..... .....");

    private static Dictionary<char, string[]> Build(params string[] rows) =>
        rows.ToDictionary(row => row[0], row => row[2..].Split(' '));

    /// <summary>Width in pixels of <paramref name="text"/> drawn at <paramref name="scale"/>.</summary>
    public static int Width(string text, int scale) => text.Length == 0 ? 0 : (text.Length * Advance - 1) * scale;

    public static int Height(int scale) => GlyphHeight * scale;

    /// <summary>
    /// The lit cells of <paramref name="text"/> as runs (x, y, length in cells), left to right: one
    /// rectangle per run of lit cells in a row, so a renderer draws a few rectangles per letter.
    /// </summary>
    public static IEnumerable<(int X, int Y, int Length)> Runs(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = char.ToUpperInvariant(text[i]);
            string[] glyph = Glyphs.TryGetValue(c, out string[]? g) ? g : Glyphs['?'];
            for (int y = 0; y < GlyphHeight; y++)
            {
                string row = glyph[y];
                for (int x = 0; x < GlyphWidth; x++)
                {
                    if (row[x] != '#') continue;
                    int start = x;
                    while (x + 1 < GlyphWidth && row[x + 1] == '#') x++;
                    yield return (i * Advance + start, y, x - start + 1);
                }
            }
        }
    }
}
