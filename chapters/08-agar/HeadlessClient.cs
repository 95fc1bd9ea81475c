using System.Globalization;
using Agar.Game;
using Agar.Net;
using Course.Cli;

namespace Agar;

/// <summary>
/// The networked client with no window (no display, or no SDL2): it still plays, steering in a slow
/// circle, and prints one line a second, so the client can be tried over SSH or in a script.
/// </summary>
public static class HeadlessClient
{
    public static async Task RunAsync(NetworkGame game, TimeSpan duration, Log log, CancellationToken cancel)
    {
        double rate = 1 / game.TickSeconds;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(game.TickSeconds));
        long ticks = (long)(duration.TotalSeconds * rate);
        try
        {
            long viewsBefore = game.ViewsApplied;
            for (long tick = 1; tick <= ticks && await timer.WaitForNextTickAsync(cancel); tick++)
            {
                double angle = tick / rate * 0.5;
                game.Steer(new Vec2(Math.Cos(angle), Math.Sin(angle)));
                game.Step();
                if (tick % (long)rate != 0) continue;
                WorldView view = game.View();
                long views = game.ViewsApplied - viewsBefore;
                viewsBefore = game.ViewsApplied;
                log.Line(string.Create(CultureInfo.InvariantCulture,
                    $"after {tick / (long)rate} s: at ({view.Centre.X:F0}, {view.Centre.Y:F0}), mass {game.Mass:F0}, ping {game.PingMs:F0} ms, {views} views this second, {view.Players.Count} players and {view.Pellets.Count} pellets in view, {game.PendingInputs} inputs unconfirmed"));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }
}
