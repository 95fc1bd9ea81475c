using System.CommandLine;
using Agar;
using Agar.Game;
using Agar.Sdl;
using Agar.View;
using Course.Cli;

// Chapter 08: the agar game. Layout:
//   Agar.Game/            the simulation, pure and deterministic (no network, no window, no drawing)
//     World.cs              fixed-step tick: move, decay, eat, respawn, top up pellets
//     World.Eating.cs       who eats what, through the spatial grid
//     SpatialGrid.cs        "what is near here?" without checking everything
//     AreaOfInterest.cs     what one player can see: the WorldView a view draws and a server sends
//     BotBrain.cs           bots: seek pellets, flee bigger, chase smaller; inputs only, like a human
//     LocalGame.cs          a world with bots and one local human, in one process
//   View/                 presentation: IGameView, the frame painter, the pixel font, PNG output
//   Sdl/                  the SDL2 window through a hand-written P/Invoke surface
//   GameLoop.cs           fixed 30 Hz ticks, frames as fast as the screen takes them
//   HeadlessDemo.cs       the demo with no display: leaderboard every second, a PNG at the end

var offline = new Option<bool>("--offline") { Description = "Play a local game against bots (no server)" };
var bots = new Option<int>("--bots") { Description = "Computer players in the world", DefaultValueFactory = _ => 20 };
bots.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 2000) r.AddError("--bots must be between 0 and 2000."); });
var seed = new Option<ulong>("--seed") { Description = "Seed of the world's randomness: the same seed plays the same game", DefaultValueFactory = _ => 1 };
var name = new Option<string>("--name") { Description = "Your name on the leaderboard", DefaultValueFactory = _ => "You" };
name.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: >= 1 and <= 16 }) r.AddError("--name must be 1 to 16 characters."); });
var screenshot = new Option<string>("--screenshot") { Description = "Where the demo writes its PNG of the last frame", DefaultValueFactory = _ => "agar-demo.png" };
var headless = new Option<bool>("--headless") { Description = "Never open a window, even when a display is available" };

var client = new Command("client", "Open the game window and play (mouse or arrow keys steer, Esc quits)") { offline, bots, seed, name }
    .WithAction((args, cancel) =>
    {
        RequireOffline(args.GetValue(offline));
        var game = new LocalGame(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), args.GetValue(name));
        using var view = OpenWindow();
        Console.WriteLine($"client: you start at {Where(game)}");
        var loop = new GameLoop(view, game, TimeProvider.System);
        loop.Run(duration: null, cancel);
        Console.WriteLine($"client: you end at {Where(game)} after {loop.Frames} frames");
        return Task.FromResult(ExitCodes.Success);
    });

var seconds = CommonOptions.Seconds(10, "How long the demo runs");
var demo = new Command("demo", "Bots play; in a window if there is a display, else headless, printing the leaderboard") { offline, seconds, bots, seed, screenshot, headless }
    .WithAction(async (args, cancel) =>
    {
        RequireOffline(args.GetValue(offline));
        var game = new LocalGame(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), humanName: null);
        var duration = TimeSpan.FromSeconds(args.GetValue(seconds));
        if (!args.GetValue(headless) && Display.Available() && SdlLibrary.TryLoad())
        {
            using (var view = OpenWindow())
                new GameLoop(view, game, TimeProvider.System).Run(duration, cancel);
            HeadlessDemo.PrintLeaderboard(game.World, Console.Out);
            await File.WriteAllBytesAsync(args.GetValue(screenshot)!, PngFrame.Render(new Frame(game.View(), 0, null), 1280, 720), cancel);
            Console.WriteLine($"demo: wrote {args.GetValue(screenshot)}");
        }
        else
        {
            await HeadlessDemo.RunAsync(game, duration, args.GetValue(screenshot)!, Console.Out, TimeProvider.System, cancel);
        }
        return ExitCodes.Success;
    });

return CourseApp.Run("08-agar", "Chapter 08: the agar game (simulation, bots, SDL2 + SkiaSharp client)", args, client, demo);

static void RequireOffline(bool offline)
{
    // The networked server and client arrive on top of the chapter 07 library; until then, say so.
    if (!offline) throw new UserError("only local play exists so far: add --offline", ExitCodes.Usage);
}

static string Where(LocalGame game) => game.World.Find(game.HumanId) is { } you
    ? FormattableString.Invariant($"({you.Position.X:F1}, {you.Position.Y:F1}), mass {you.Mass:F1}")
    : "(nowhere)";

static SdlWindowView OpenWindow()
{
    if (!Display.Available())
        throw new UserError("no display (DISPLAY and WAYLAND_DISPLAY are unset): run under `xvfb-run -a`, or use `demo`, which runs headless");
    return new SdlWindowView("Agar (chapter 08)", 1280, 720);
}
