using System.CommandLine;
using System.Net.Sockets;
using Agar;
using Agar.Game;
using Agar.Net;
using Agar.Sdl;
using Agar.View;
using Course.Cli;
using Netcode.Peers;

// Chapter 08: the agar game. Layout:
//   Agar.Game/            the simulation, pure and deterministic (no network, no window, no drawing)
//     World.cs              fixed-step tick: move, decay, eat, respawn, top up pellets
//     World.Eating.cs       who eats what, through the spatial grid
//     SpatialGrid.cs        "what is near here?" without checking everything
//     AreaOfInterest.cs     what one player can see: the WorldView a view draws and a server sends
//     BotBrain.cs           bots: seek pellets, flee bigger, chase smaller; inputs only, like a human
//     IPlayable.cs          what a front-end plays: LocalGame (offline) or NetworkGame (a server's)
//     LocalGame.cs          a world with bots and one local human, in one process
//   Net/                  the networked game, on the chapter 07 library (Netcode)
//     ViewMessage.cs        the game's events and their layout on the wire
//     AgarServer.cs         the server: inbox, fixed 30 Hz tick, join/leave/timeout, leaderboard
//     GameRoom.cs           the server's game without sockets: sessions, bots, one tick
//     InputQueue.cs         one input per player per tick, a bounded backlog: no speed or flood cheats
//     ViewFeed.cs           area of interest as deltas against the last acknowledged view
//     NetworkGame.cs        the client: prediction, reconciliation, interpolation, simulated bad network
//     Snapshots.cs          the client's recent views, rebuilt from deltas
//     BotSwarm.cs           many network bots in one process
//   View/                 presentation: IGameView, the frame painter, the pixel font, PNG output
//   Sdl/                  the SDL2 window through a hand-written P/Invoke surface
//   GameLoop.cs           fixed 30 Hz ticks, frames as fast as the screen takes them
//   HeadlessDemo.cs       the offline demo with no display; NetworkDemo.cs the real one; Bench.cs

var host = CommonOptions.Host();
var listenPort = CommonOptions.ListenPort(5008);
var port = CommonOptions.Port(5008);
var offline = new Option<bool>("--offline") { Description = "Play a local game against bots in this process (no server)" };
var bots = Ranged.Between("--bots", "Computer players", 20, 0, 2000);
var serverBots = Ranged.Between("--bots", "Computer players inside the server (no network)", 0, 0, 2000);
var count = Ranged.Between("--count", "How many bots this process plays", 10, 1, 1000);
var seed = Ranged.Between<ulong>("--seed", "Seed of the world's randomness: the same seed plays the same game", 1, 0, ulong.MaxValue);
var name = new Option<string>("--name") { Description = "Your name on the leaderboard", DefaultValueFactory = _ => "You" };
name.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: >= 1 and <= 16 }) r.AddError("--name must be 1 to 16 characters."); });
var lag = Ranged.Between("--lag", "Simulated extra delay each way, in ms (the ping grows by twice this)", 0.0, 0, 5000);
var loss = Ranged.Between("--loss", "Simulated percentage of datagrams lost each way", 0.0, 0, 100);
// The default lands in the temporary folder, not in the repository the user ran the demo from.
var screenshot = new Option<string>("--screenshot") { Description = "Where the demo writes its PNG of the last frame", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "agar-demo.png") };
var headless = new Option<bool>("--headless") { Description = "Never open a window, even when a display is available" };

var maxPlayers = Ranged.Between("--max-players", "Players at most (bots inside included); a join beyond it is refused", 1024, 1, 4096);
var tickLog = new Option<string?>("--tick-log") { Description = "Also write one line per tick to this file: tick, lateness ms, duration ms, players, bytes sent (the bench reads it)" };
var server = new Command("server", "Run the game server until Ctrl+C") { host, listenPort, serverBots, seed, maxPlayers, tickLog };
server.WithAction(async (args, cancel) =>
{
    var log = new Log(Console.Out, "server");
    var settings = new WorldSettings { Seed = args.GetValue(seed) };
    var options = new PeerOptions { Log = log.Line };
    await using var game = new AgarServer(settings, args.GetValue(serverBots), options, args.GetValue(maxPlayers));
    await using TickLog? ticks = args.GetValue(tickLog) is { } path ? TickLog.Open(path, game) : null;
    await StartOrExplain(game, args.GetValue(host)!, args.GetValue(listenPort));
    log.Line($"world {settings.Width}x{settings.Height} (it grows with the crowd), {settings.TickRate} ticks/s, {args.GetValue(serverBots)} bots inside, " +
             $"at most {game.MaxPlayers} players; {options.Limits}; Ctrl+C stops");
    Task status = ServerStatus.PrintEveryAsync(game, log, TimeSpan.FromSeconds(10), cancel);
    try
    {
        await game.Stopped.WaitAsync(cancel); // completes only if the server stops by itself: a loop failed
        log.Line("stopped by the failure above");
        return ExitCodes.Failure;
    }
    catch (OperationCanceledException) { log.Line("stopping (Ctrl+C)"); }
    catch (Exception) { log.Line("stopped by the failure above"); return ExitCodes.Failure; }
    await status;
    return ExitCodes.Success;
});

var clientSeconds = CommonOptions.Seconds(0, "Quit after this many seconds", zero: "when you press Esc; with no display after 10");
var client = new Command("client", "Play in a window (mouse or arrow keys steer, P/I toggle prediction/interpolation, Esc quits)")
    { host, port, name, lag, loss, clientSeconds, offline, bots, seed };
client.WithAction((args, cancel) =>
{
    double seconds = args.GetValue(clientSeconds);
    TimeSpan? duration = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
    if (args.GetValue(offline))
    {
        var local = new LocalGame(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), args.GetValue(name));
        using var view = OpenWindow();
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
    // The network runs on other threads; the window must open on this one, the main thread (macOS allows
    // no other), so wait for the join here: an await would go on on another thread.
    NetworkGame game = MainThread.Wait(JoinOrExplain(to, options, cancel));
    try
    {
        log.Line($"joined {Endpoints.Show(to)} as player {game.YouId}");
        log.Line($"you start at {Where(game.View())}");
        if (Display.Available() && SdlLibrary.TryLoad())
        {
            using var view = new SdlWindowView("Agar (chapter 08)", 1280, 720);
            var loop = new GameLoop(view, game, TimeProvider.System);
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

var botSeconds = CommonOptions.Seconds(30, "How long the bots play", zero: "until Ctrl+C");
var bot = new Command("bot", "Headless computer players joining a server over the network") { host, port, count, botSeconds, seed };
bot.WithAction(async (args, cancel) =>
{
    var log = new Log(Console.Out, "bot");
    var to = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
    BotSwarm swarm;
    try { swarm = await BotSwarm.JoinAsync(to, args.GetValue(count), args.GetValue(seed), cancel: cancel); }
    catch (Exception e) when (e is TimeoutException or RefusedException) { throw new UserError(e.Message); }
    await using (swarm)
    {
        log.Line($"{args.GetValue(count)} bots joined {Endpoints.Show(to)}");
        double seconds = args.GetValue(botSeconds);
        await swarm.PlayAsync(seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, cancel, tick =>
        {
            if (tick % 150 != 0) return;
            var best = swarm.Games.OrderByDescending(g => g.Mass).First();
            log.Line(FormattableString.Invariant($"after {tick / 30} s: heaviest of ours is player {best.YouId}, mass {best.Mass:F0}"));
        });
        log.Line("leaving");
    }
    return ExitCodes.Success;
});

var seconds = CommonOptions.Seconds(10, "How long the demo runs");
var demoPort = CommonOptions.ListenPort(0);
var demo = new Command("demo", "Server, bots and (with a display) your window in one process; headless it prints the leaderboard")
    { seconds, bots, seed, screenshot, headless, offline, demoPort };
demo.WithAction(async (args, cancel) =>
{
    var duration = TimeSpan.FromSeconds(args.GetValue(seconds));
    bool window = !args.GetValue(headless) && Display.Available() && SdlLibrary.TryLoad();
    if (args.GetValue(offline))
    {
        // The whole game in one process, no sockets: deterministic for a given seed (the tests' demo).
        var game = new LocalGame(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), humanName: null);
        if (!window)
        {
            await HeadlessDemo.RunAsync(game, duration, args.GetValue(screenshot)!, Console.Out, TimeProvider.System, cancel);
            return ExitCodes.Success;
        }
        using (var view = OpenWindow())
            new GameLoop(view, game, TimeProvider.System).Run(duration, cancel);
        HeadlessDemo.PrintLeaderboard(game.World, Console.Out);
        await File.WriteAllBytesAsync(args.GetValue(screenshot)!, PngFrame.Render(new Frame(game.View(), 0, null), 1280, 720), cancel);
        Console.WriteLine($"demo: wrote {args.GetValue(screenshot)}");
        return ExitCodes.Success;
    }
    NetworkDemo.Run(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), args.GetValue(demoPort), duration,
        window, args.GetValue(screenshot)!, Console.Out, cancel);
    return ExitCodes.Success;
});

var benchSeconds = CommonOptions.Seconds(40, "Seconds measured per row, after the warm-up (30 ticks each: 40 s is 1,200 samples)");
var benchWarmup = Ranged.Between("--warmup", "Seconds to wait at least after the bots joined, before checking the ticks have settled", 10.0, 0, 600);
var benchPlayers = Ranged.List("--players", "Crowd sizes", [50, 100, 200, 500, 1000], 1, 1000);
var benchChart = ChartOption.Create();
var benchFrames = new Option<bool>("--frames") { Description = "Measure the client's drawing instead: frames of 100 players and 1,000 pellets at 1280x720" };
var frameCount = Ranged.Between("--frame-count", "With --frames: how many frames to time, after 300 to warm up", 3000, 1, 1_000_000);
var bench = new Command("bench", "The shipped server (pinned to core 0) under 50 to 1,000 network bots (another process, core 1): tick time, missed ticks, cost per player, KB/s per client")
    { benchSeconds, benchWarmup, benchPlayers, benchChart, benchFrames, frameCount };
bench.WithAction(async (args, cancel) =>
{
    if (args.GetValue(benchFrames))
    {
        RenderBench.Run(frames: args.GetValue(frameCount), players: 100, pellets: 1000, Console.Out);
        return ExitCodes.Success;
    }
    await Bench.RunAsync(args.GetValue(benchPlayers)!, args.GetValue(benchSeconds), args.GetValue(benchWarmup), Console.Out, args.GetValue(benchChart), cancel);
    return ExitCodes.Success;
});

return CourseApp.Run("chapters/08-agar", "Chapter 08: the agar game (server, bots, SDL2 + SkiaSharp client)", args, server, client, bot, demo, bench);

static async Task StartOrExplain(AgarServer game, string host, int port)
{
    try { await game.StartAsync(Endpoints.Parse(host, port)); }
    catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable or SocketError.AccessDenied)
    {
        throw new UserError($"cannot listen on {host}:{port}: {e.Message}");
    }
}

static async Task<NetworkGame> JoinOrExplain(System.Net.IPEndPoint to, NetworkGameOptions options, CancellationToken cancel)
{
    try { return await NetworkGame.JoinAsync(to, options, cancel); }
    catch (Exception e) when (e is TimeoutException or RefusedException) { throw new UserError(e.Message); }
}

static string Where(WorldView view) => view.You is { } you
    ? FormattableString.Invariant($"({you.Position.X:F1}, {you.Position.Y:F1}), mass {you.Mass:F1}")
    : "(nowhere)";


static SdlWindowView OpenWindow()
{
    if (!Display.Available())
        throw new UserError("no display (DISPLAY and WAYLAND_DISPLAY are unset): run under `xvfb-run -a`, or use `demo`, which runs headless");
    return new SdlWindowView("Agar (chapter 08)", 1280, 720);
}
