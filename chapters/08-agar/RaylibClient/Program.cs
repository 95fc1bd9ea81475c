using System.CommandLine;
using Agar;
using Agar.Game;
using Agar.Net;
using Agar.Raylib;
using Course.Cli;

// Chapter 08, optional front-end: the same client as `agar client`, in a raylib window. Layout:
//   RaylibWindowView.cs   IGameView: window, input and frames with raylib
//   RaylibSurface.cs      IDrawSurface: the frame painter's six drawing calls as raylib shapes
//   Program.cs            this file: the one verb, wiring a game (offline or networked) to the window
// Everything else (the game, the network client, the game loop, what a frame shows) is the chapter's
// program, referenced as a project: this front-end adds no game logic.

var host = CommonOptions.Host();
var port = CommonOptions.Port(5008);
var name = new Option<string>("--name") { Description = "Your name on the leaderboard", DefaultValueFactory = _ => "You" };
name.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: >= 1 and <= 16 }) r.AddError("--name must be 1 to 16 characters."); });
var offline = new Option<bool>("--offline") { Description = "Play a local game against bots in this process (no server)" };
var bots = new Option<int>("--bots") { Description = "Computer players (with --offline)", DefaultValueFactory = _ => 20 };
bots.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 2000) r.AddError("--bots must be between 0 and 2000."); });
var seed = new Option<ulong>("--seed") { Description = "Seed of the offline world", DefaultValueFactory = _ => 1 };
var seconds = new Option<double>("--seconds") { Description = "Quit after this many seconds (0: when you press Esc)", DefaultValueFactory = _ => 0 };
var screenshot = new Option<string?>("--screenshot") { Description = "Save a PNG of the window half a second before --seconds runs out" };

var client = new Command("client", "Play in a raylib window (mouse or arrow keys steer, P/I toggle prediction/interpolation, Esc quits)")
    { host, port, name, offline, bots, seed, seconds, screenshot };
client.WithAction(async (args, cancel) =>
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
        try { game = network = await NetworkGame.JoinAsync(to, new NetworkGameOptions { Name = args.GetValue(name)!, Log = log.Line }, cancel); }
        catch (TimeoutException e) { throw new UserError(e.Message); }
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
        if (network is not null) await network.DisposeAsync();
    }
    return ExitCodes.Success;
});

return CourseApp.Run("08-agar (raylib)", "Chapter 08: the agar client in a raylib window (Raylib-cs)", args, client);

static string Where(WorldView view) => view.You is { } you
    ? FormattableString.Invariant($"({you.Position.X:F1}, {you.Position.Y:F1}), mass {you.Mass:F1}")
    : "(nowhere)";
