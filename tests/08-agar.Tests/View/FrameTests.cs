using Agar.Game;
using Agar.View;
using SkiaSharp;

namespace Agar.Tests.View;

public sealed class FrameTests
{
    /// <summary>
    /// The frame as a draw list: every circle, line and label with its screen position and colour. A
    /// change to the camera, the grid or the HUD shows up here as readable lines.
    /// </summary>
    [Fact]
    public void A_fixed_world_draws_the_same_list_every_time()
    {
        var frame = new Frame(FixedScene.Build(), Fps: 60, PingMs: 42);
        var list = new DrawList();
        FramePainter.Draw(list, frame, 640, 360);
        Snapshot.Match(list.ToString());
    }

    [Fact]
    public void The_headless_png_shows_the_players_in_their_colours()
    {
        WorldView view = FixedScene.Build();
        byte[] png = PngFrame.Render(new Frame(view, 60, 42), 640, 360);

        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((640, 360), (bitmap.Width, bitmap.Height));
        var camera = Camera.For(view, 640, 360);
        foreach (PlayerState player in view.Players)
        {
            // Sample eight points half way to the edge; the name may cover a few, the cell's colour most.
            double x = camera.ScreenX(player.Position.X), y = camera.ScreenY(player.Position.Y), r = player.Radius * camera.Scale * 0.65;
            int matching = Enumerable.Range(0, 8).Count(i =>
                ((uint)bitmap.GetPixel((int)(x + r * Math.Cos(i * Math.PI / 4)), (int)(y + r * Math.Sin(i * Math.PI / 4))) & 0xFFFFFF) == player.Color.Value);
            Assert.True(matching >= 5, $"{player.Name}: only {matching} of 8 samples have its colour {player.Color}");
        }
    }

    [Fact]
    public void The_camera_zooms_out_as_you_grow()
    {
        var settings = new WorldSettings();
        Vec2 small = AreaOfInterest.HalfExtentsFor(10, settings), big = AreaOfInterest.HalfExtentsFor(160, settings);
        Assert.Equal(2 * small.Y, big.Y, 6);   // 16 times the mass, twice the view
    }

    [Fact]
    public void Every_printable_letter_has_a_glyph()
    {
        string text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-#/()%?!,_+=' ";
        // An unknown character is drawn as '?': make sure none of these fell back to it.
        var question = PixelFont.Runs("?").ToList();
        foreach (char c in text.Where(c => c != '?' && c != ' '))
            Assert.NotEqual(question, PixelFont.Runs(c.ToString()).ToList());
        Assert.Equal((2 * PixelFont.Advance - 1) * 2, PixelFont.Width("ab", 2));
    }
}
