using System.Globalization;
using Agar.Game;
using Agar.View;

namespace Agar;

/// <summary>
/// The demo with no display: bots play in real time at 30 ticks a second, the leaderboard is printed
/// every second, and at the end one frame (following the leader) is written as a PNG.
/// </summary>
public static class HeadlessDemo
{
    public static async Task RunAsync(LocalGame game, TimeSpan duration, string screenshotPath, TextWriter output, TimeProvider time, CancellationToken cancel)
    {
        output.WriteLine($"demo: {game.World.Players.Count} players, world {game.World.Settings.Width}x{game.World.Settings.Height}, {game.World.Settings.TickRate} ticks/s, no display: running headless");
        double rate = game.World.Settings.TickRate;
        long ticks = (long)Math.Round(duration.TotalSeconds * rate);
        // A PeriodicTimer keeps the ticks on a fixed schedule: a late tick does not push later ones back.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(game.TickSeconds), time);
        for (long tick = 1; tick <= ticks; tick++)
        {
            if (!await timer.WaitForNextTickAsync(cancel)) break;
            game.Step();
            if (tick % (long)rate == 0 || tick == ticks) PrintLeaderboard(game.World, output);
        }

        byte[] png = PngFrame.Render(new Frame(game.View(), Fps: 0, PingMs: null), 1280, 720);
        string full = Path.GetFullPath(screenshotPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, png, cancel);
        output.WriteLine($"demo: wrote {screenshotPath} (1280x720, {png.Length} bytes)");
    }

    public static void PrintLeaderboard(World world, TextWriter output)
    {
        double seconds = world.Tick / world.Settings.TickRate;
        output.WriteLine($"after {seconds.ToString("0.#", CultureInfo.InvariantCulture)} s (tick {world.Tick}), {world.Players.Count} players, {world.Pellets.Count} pellets:");
        foreach (LeaderboardEntry row in Leaderboard.Top(world.Players))
            output.WriteLine($"  {row.Rank,2}. {row.Name,-12} {Math.Floor(row.Mass),6}");
    }
}
