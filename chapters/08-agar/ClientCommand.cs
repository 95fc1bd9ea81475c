using System.CommandLine;
using System.Net;
using Agar.Game;
using Agar.Net;
using Agar.Sdl;
using Agar.View;
using Course.Cli;
using Netcode.Peers;

namespace Agar;

/// <summary>
/// The <c>client</c> verb: play in a window, against a server or (--offline) against bots in this process;
/// with no display it plays headless.
/// </summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5008);
        var name = new Option<string>("--name") { Description = "Your name on the leaderboard", DefaultValueFactory = _ => "You" };
        name.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: >= 1 and <= 16 }) r.AddError("--name must be 1 to 16 characters."); });
        var lag = Ranged.Between("--lag", "Simulated extra delay each way, in ms (the ping grows by twice this)", 0.0, 0, 5000);
        var loss = Ranged.Between("--loss", "Simulated percentage of datagrams lost each way", 0.0, 0, 100);
        var seconds = CommonOptions.Seconds(0, "Quit after this many seconds", zero: "when you press Esc; with no display after 10");
        var offline = new Option<bool>("--offline") { Description = "Play a local game against bots in this process (no server)" };
        var bots = Ranged.Between("--bots", "Computer players", 20, 0, 2000);
        var seed = Ranged.Between<ulong>("--seed", "Seed of the world's randomness: the same seed plays the same game", 1, 0, ulong.MaxValue);

        return new Command("client", "Play in a window (mouse or arrow keys steer, P/I toggle prediction/interpolation, Esc quits)")
            { host, port, name, lag, loss, seconds, offline, bots, seed }
            .WithAction((args, cancel) =>
            {
                double given = args.GetValue(seconds);
                TimeSpan? duration = given > 0 ? TimeSpan.FromSeconds(given) : null;
                if (args.GetValue(offline))
                {
                    var local = new LocalGame(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), args.GetValue(name));
                    using var view = Display.OpenWindow();
                    Console.WriteLine($"client: you start at {Where(local.View())}");
                    var loop = new GameLoop(view, local, TimeProvider.System);
                    loop.Run(duration, cancel);
                    Console.WriteLine($"client: you end at {Where(local.View())} after {loop.Frames} frames");
                    return Task.FromResult(ExitCodes.Success);
                }

                var log = new Log(Console.Out, "client");
                var to = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
                var options = new NetworkGameOptions
                {
                    Name = args.GetValue(name)!, Lag = TimeSpan.FromMilliseconds(args.GetValue(lag)), Loss = args.GetValue(loss) / 100, Log = log.Line,
                };
                // Open the window and draw one frame BEFORE joining. The first frame is the slow one (SDL sets up,
                // .NET compiles the drawing code, Skia loads its fonts): seconds on a busy machine, and the server
                // drops a player who sends no input for 5 s. Joined first, a slow window was dropped before it
                // played, and went on drawing a game nobody else could see.
                using SdlWindowView? window = Display.Available() && SdlLibrary.TryLoad() ? Display.OpenWindow() : null;
                window?.Draw(Joining(to));
                // The network runs on other threads; the window must open on this one, the main thread (macOS allows
                // no other), so wait for the join here: an await would go on on another thread.
                NetworkGame game = MainThread.Wait(JoinOrExplain(to, options, cancel));
                try
                {
                    log.Line($"joined {Endpoints.Show(to)} as player {game.YouId}");
                    log.Line($"you start at {Where(game.View())}");
                    if (window is not null)
                    {
                        var loop = new GameLoop(window, game, TimeProvider.System);
                        loop.Run(duration, cancel);
                        log.Line($"you end at {Where(game.View())} after {loop.Frames} frames");
                    }
                    else
                    {
                        log.Line("no display (or no SDL2): playing headless, steering in a slow circle, one line a second");
                        MainThread.Wait(HeadlessClient.RunAsync(game, duration ?? TimeSpan.FromSeconds(10), log, cancel));
                    }
                }
                finally
                {
                    MainThread.Wait(game.DisposeAsync().AsTask());
                }
                return Task.FromResult(ExitCodes.Success);
            });
    }

    private static async Task<NetworkGame> JoinOrExplain(IPEndPoint to, NetworkGameOptions options, CancellationToken cancel)
    {
        try { return await NetworkGame.JoinAsync(to, options, cancel); }
        catch (Exception e) when (e is TimeoutException or RefusedException) { throw new UserError(e.Message); }
    }

    /// <summary>What the window shows while it waits for the server to let us in: an empty world.</summary>
    private static Frame Joining(IPEndPoint to)
    {
        var world = new WorldSettings();
        var empty = new WorldView(0, world.Width, world.Height, 0, new Vec2(world.Width / 2, world.Height / 2),
            AreaOfInterest.HalfExtentsFor(world.StartMass, world), [], [], [], 0);
        return new Frame(empty, 0, null, $"JOINING {Endpoints.Show(to)}");
    }

    private static string Where(WorldView view) => view.You is { } you
        ? FormattableString.Invariant($"({you.Position.X:F1}, {you.Position.Y:F1}), mass {you.Mass:F1}")
        : "(nowhere)";
}
