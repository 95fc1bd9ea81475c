using System.Diagnostics;
using System.Globalization;
using Agar.Game;
using Course.Bench;
using SkiaSharp;

namespace Agar.View;

/// <summary>
/// <c>bench --frames</c>: how long the client takes to draw one frame of a busy scene, 1280×720 with 100
/// players and 1,000 pellets in view, through the same painter and SkiaSharp surface the window uses (its
/// pixels go to SDL as they are; the copy to the screen is left out, so a machine without a display can
/// measure it too). A frame must take under 16.7 ms for 60 frames a second.
/// </summary>
/// <remarks>
/// The first 300 frames warm up (the JIT and SkiaSharp's caches settle), then every frame is a sample.
/// </remarks>
public static class RenderBench
{
    public const int Width = 1280, Height = 720;

    public static void Run(int frames, int players, int pellets, TextWriter output)
    {
        WorldView scene = Scene(players, pellets, seed: 12);
        var info = new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using var canvas = new SKCanvas(bitmap);
        using var surface = new SkiaSurface(canvas);
        output.WriteLine($"bench --frames: {players} players and {pellets} pellets in view, {Width}x{Height}, {Conditions.Now()}");
        var times = new Latency();
        for (int i = -300; i < frames; i++)
        {
            long start = Stopwatch.GetTimestamp();
            FramePainter.Draw(surface, new Frame(scene, 60, 42, "P PREDICTION ON  I INTERPOLATION ON"), Width, Height);
            surface.FlushDots();
            canvas.Flush();
            if (i >= 0) times.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        output.WriteLine($"frame time: {times.Summary()}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"that is {1000 / times.Percentile(50):F0} frames a second at the median; the budget for 60 is 16.7 ms a frame; {Conditions.Now()} at the end"));
    }

    /// <summary>A crowded view: players of many sizes with bot names, pellets everywhere, a full leaderboard.</summary>
    public static WorldView Scene(int players, int pellets, int seed)
    {
        var random = new Random(seed);
        var centre = new Vec2(3000, 3000);
        var half = AreaOfInterest.HalfExtentsFor(40, new WorldSettings());
        Vec2 Somewhere() => new(centre.X + (random.NextDouble() * 2 - 1) * half.X, centre.Y + (random.NextDouble() * 2 - 1) * half.Y);
        var people = Enumerable.Range(1, players)
            // Masses as a crowd has them: most small, a few big (the cube of a uniform number, times 300).
            .Select(i => new PlayerState(i, BotNames.For(i), Rgb.Palette[i % Rgb.Palette.Length], Somewhere(), 10 + Math.Pow(random.NextDouble(), 3) * 300))
            .ToList();
        var food = Enumerable.Range(1, pellets).Select(i => new Pellet(i, Somewhere(), Rgb.Palette[i % Rgb.Palette.Length])).ToList();
        var board = Leaderboard.Top(people.Select(p => new Player(p.Id, p.Name, p.Color, p.Position, p.Mass)));
        return new WorldView(1000, 6000, 6000, 1, centre, half, people, food, board, 0);
    }
}
