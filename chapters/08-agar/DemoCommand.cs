using System.CommandLine;
using Agar.Game;
using Agar.Sdl;
using Agar.View;
using Course.Cli;

namespace Agar;

/// <summary>
/// The <c>demo</c> verb: a server, bots and (with a display) your window in one process; headless, the
/// leaderboard and a PNG of the last frame. --offline plays without sockets, deterministic for a seed.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(10, "How long the demo runs");
        var bots = Ranged.Between("--bots", "Computer players", 20, 0, 2000);
        var seed = Ranged.Between<ulong>("--seed", "Seed of the world's randomness: the same seed plays the same game", 1, 0, ulong.MaxValue);
        // The default lands in the temporary folder, not in the repository the user ran the demo from.
        var screenshot = new Option<string>("--screenshot") { Description = "Where the demo writes its PNG of the last frame", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "agar-demo.png") };
        var headless = new Option<bool>("--headless") { Description = "Never open a window, even when a display is available" };
        var offline = new Option<bool>("--offline") { Description = "Play a local game against bots in this process (no server)" };
        var port = CommonOptions.ListenPort(0);

        return new Command("demo", "Server, bots and (with a display) your window in one process; headless it prints the leaderboard")
            { seconds, bots, seed, screenshot, headless, offline, port }
            .WithAction(async (args, cancel) =>
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
                    using (var view = Display.OpenWindow())
                        new GameLoop(view, game, TimeProvider.System).Run(duration, cancel);
                    HeadlessDemo.PrintLeaderboard(game.World, Console.Out);
                    await File.WriteAllBytesAsync(args.GetValue(screenshot)!, PngFrame.Render(new Frame(game.View(), 0, null), 1280, 720), cancel);
                    Console.WriteLine($"demo: wrote {args.GetValue(screenshot)}");
                    return ExitCodes.Success;
                }
                NetworkDemo.Run(new WorldSettings { Seed = args.GetValue(seed) }, args.GetValue(bots), args.GetValue(port), duration,
                    window, args.GetValue(screenshot)!, Console.Out, cancel);
                return ExitCodes.Success;
            });
    }
}
