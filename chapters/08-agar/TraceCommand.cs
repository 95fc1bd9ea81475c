using System.CommandLine;
using System.Net;
using Agar.Game;
using Agar.Net;
using Course.Cli;

namespace Agar;

/// <summary>
/// The picture of time on chapter 08's page: prediction, reconciliation and interpolation on one time axis,
/// from a real server and two real clients on loopback. You play with 100 ms of lag each way (a 200 ms
/// round trip); the other player has none. Both hold a key for a third of a second and let go. Every tick
/// the trace records how far your cell has moved as drawn (predicted) and as the server last said, and how
/// far the other player has moved as the newest view says and as drawn (100 ms in the past, interpolated).
/// Distances are measured from where each cell started, towards the middle of the world (each steers
/// that way, so nobody runs into a wall), in world units.
/// </summary>
internal static class TraceCommand
{
    private static readonly TimeSpan Lag = TimeSpan.FromMilliseconds(100);
    private const int Ticks = 48;
    private const int PressAt = 4;
    private const int ReleaseAt = 14;

    /// <summary>The hidden <c>trace</c> verb: writes the trace the page's figure is drawn from (.ci/trace).</summary>
    public static Command Create() =>
        new Command("trace", "Record prediction, reconciliation and interpolation, for the timeline on the chapter's page") { Hidden = true }
            .WithAction(async (_, cancel) =>
            {
                Console.Out.Write(await RecordAsync(cancel));
                return ExitCodes.Success;
            });

    public static async Task<string> RecordAsync(CancellationToken cancel)
    {
        var trace = new TimeTrace($"You with {Lag.TotalMilliseconds:0} ms of lag each way, the other player with none: both hold a key for a third of a second")
            .Panel("you", "Your cell: drawn at once by prediction; the server's word comes a round trip later")
            .Panel("other", "The other player, on your screen: drawn 100 ms in the past, between two views")
            .Lanes("you/keys", "you/drawn (predicted)", "you/server's word", "other/newest view", "other/drawn")
            .SharedAxis();
        // A world small enough that each sees the whole of it, so the other player is always in view; and
        // no pellets, so nobody grows and slows down: the figure shows lag, not a prediction gone wrong.
        var settings = new WorldSettings { Width = 700, Height = 400, PelletTarget = 0, Seed = 5 };
        await using var server = new AgarServer(settings);
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        await using NetworkGame you = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "you", Lag = Lag }, cancel);
        await using NetworkGame other = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "other" }, cancel);

        // Wait until your views show the other player, then fix where everyone starts from.
        for (int wait = 0; Others(you, other.YouId) is null; wait++)
        {
            if (wait == 200) throw new TimeoutException("the other player never appeared in your view");
            await Task.Delay(TimeSpan.FromSeconds(you.TickSeconds), cancel);
            you.Step();
            other.Step();
        }
        var yourStart = you.ServerPosition;
        var otherStart = other.ServerPosition;
        double yourWay = Math.Sign(settings.Width / 2 - yourStart.X), otherWay = Math.Sign(settings.Width / 2 - otherStart.X);

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(you.TickSeconds));
        for (int tick = 0; tick < Ticks; tick++)
        {
            await timer.WaitForNextTickAsync(cancel);
            if (tick == PressAt) trace.Mark("you/keys", "hold the key");
            if (tick == ReleaseAt) trace.Mark("you/keys", "let go");
            bool held = tick >= PressAt && tick < ReleaseAt;
            you.Steer(new Vec2(held ? yourWay : 0, 0));
            other.Steer(new Vec2(held ? otherWay : 0, 0));
            you.Step();
            other.Step();
            trace.Level("you/drawn (predicted)", Moved(yourStart, you.DrawnPosition, yourWay), "units");
            trace.Level("you/server's word", Moved(yourStart, you.ServerPosition, yourWay), "units");
            you.Interpolation = false;
            if (Others(you, other.YouId) is { } newest) trace.Level("other/newest view", Moved(otherStart, newest, otherWay), "units");
            you.Interpolation = true;
            if (Others(you, other.YouId) is { } drawn) trace.Level("other/drawn", Moved(otherStart, drawn, otherWay), "units");
        }
        return trace.Write();
    }

    /// <summary>How far a cell has gone from <paramref name="start"/> the way it steers (+ 0.0 turns −0 into 0).</summary>
    private static double Moved(Vec2 start, Vec2 now, double way) => Math.Round((now.X - start.X) * way, 1) + 0.0;

    /// <summary>Where your screen shows player <paramref name="id"/> now (interpolated or not, as the game is set).</summary>
    private static Vec2? Others(NetworkGame game, int id) =>
        game.View().Players.Where(p => p.Id == id).Select(p => (Vec2?)p.Position).FirstOrDefault();
}
