using System.CommandLine;
using Agar;
using Agar.Game;
using Agar.Net;
using Agar.Raylib;
using Course.Cli;

// Chapter 08, optional front-end: the same client as `agar client`, in a raylib window. Layout:
//   RaylibWindowView.cs   IGameView: window, input and frames with raylib
//   RaylibSurface.cs      IDrawSurface: the frame painter's six drawing calls as raylib shapes
//   Glx.cs                can a window open here? (asked before raylib, which crashes when it cannot)
//   Program.cs            this file: the one verb, wiring a game (offline or networked) to the window
// Everything else (the game, the network client, the game loop, what a frame shows) is the chapter's
// program, referenced as a project: this front-end adds no game logic.

var host = CommonOptions.Host();
var port = CommonOptions.Port(5008);
var name = new Option<string>("--name") { Description = "Your name on the leaderboard", DefaultValueFactory = _ => "You" };
name.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: >= 1 and <= 16 }) r.AddError("--name must be 1 to 16 characters."); });
var offline = new Option<bool>("--offline") { Description = "Play a local game against bots in this process (no server)" };
var bots = Ranged.Between("--bots", "Computer players (with --offline)", 20, 0, 2000);
var seed = Ranged.Between("--seed", "Seed of the offline world", 1UL, 0UL, ulong.MaxValue);
var seconds = CommonOptions.Seconds(0, "Quit after this many seconds", zero: "when you press Esc");
var screenshot = new Option<string?>("--screenshot") { Description = "Save a PNG of the window half a second before --seconds runs out" };

var client = new Command("client", "Play in a raylib window (mouse or arrow keys steer, P/I toggle prediction/interpolation, Esc quits)")
    { host, port, name, offline, bots, seed, seconds, screenshot };
client.WithAction((args, cancel) =>
{
    double limit = args.GetValue(seconds);
    TimeSpan? duration = limit > 0 ? TimeSpan.FromSeconds(limit) : null;
    string? png = args.GetValue(screenshot);
    if (png is not null && duration is null) throw new UserError("--screenshot needs --seconds (the picture is taken just before the end)", ExitCodes.Usage);

    IPlayable game;
    NetworkGame? network = null;
    if (args.GetValue(offline))
        game = new LocalGame(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), args.GetValue(name));
    else
    {
        var log = new Log(Console.Out, "client");
        var to = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
        // The network runs on other threads; the window must open on this one, the main thread (macOS
        // allows no other), so wait for the join here: an await would go on on another thread.
        try { game = network = MainThread.Wait(NetworkGame.JoinAsync(to, new NetworkGameOptions { Name = args.GetValue(name)!, Log = log.Line }, cancel)); }
        catch (Exception e) when (e is TimeoutException or Netcode.Peers.RefusedException) { throw new UserError(e.Message); }
        log.Line($"joined {Endpoints.Show(to)} as player {network.YouId}");
    }

    try
    {
        using var view = new RaylibWindowView("Agar (chapter 08, raylib)", 1280, 720);
        if (png is not null) view.ScreenshotAfter(duration!.Value - TimeSpan.FromSeconds(0.5), png);
        Console.WriteLine($"client: you start at {Where(game.View())}");
        var loop = new GameLoop(view, game, TimeProvider.System);
        loop.Run(duration, cancel);
        Console.WriteLine($"client: you end at {Where(game.View())} after {loop.Frames} frames drawn with raylib");
        if (png is not null) Console.WriteLine($"client: wrote {png}");
    }
    finally
    {
        if (network is not null) MainThread.Wait(network.DisposeAsync().AsTask());
    }
    return Task.FromResult(ExitCodes.Success);
});

return CourseApp.Run("08-agar (raylib)", "Chapter 08: the agar client in a raylib window (Raylib-cs)", args, client);

static string Where(WorldView view) => view.You is { } you
    ? FormattableString.Invariant($"({you.Position.X:F1}, {you.Position.Y:F1}), mass {you.Mass:F1}")
    : "(nowhere)";
