using System.CommandLine;
using Course.Cli;
using Offloading.Ai;
using Offloading.Offload;
using Snake.Game;
using Snake.Rooms;
using Snake.Web;

namespace Offloading;

/// <summary>
/// The <c>server</c> verb: chapter 05's snake server, unchanged, with computer snakes in every room.
/// Each room gets its own <see cref="AiSnakes"/> and plan source (so a process-mode room has its own
/// worker), and logs its tick lateness every few seconds, so the stalls of <c>--offload none</c> show.
/// </summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.ListenPort(5006);
        Option<OffloadMode> offload = Options.Offload();
        var ai = Ranged.Between("--ai", "Computer snakes per room", 40, 0, 2000);
        Option<int> width = Options.Size("--width", 120), height = Options.Size("--height", 90);
        var tickRate = Ranged.Between("--tick-rate", "Ticks per second", 10.0, 1, 100);

        return new Command("server", "The snake server of chapter 05 with computer snakes, planning inline, on a thread or in a worker process")
            { host, port, offload, ai, width, height, tickRate }
            .WithAction(async (args, cancel) =>
            {
                var log = new Log(Console.Out, "server");
                OffloadMode mode = args.GetValue(offload);
                double rate = args.GetValue(tickRate);
                var period = TimeSpan.FromSeconds(1 / rate);
                var rooms = new RoomOptions
                {
                    TickRate = rate,
                    Rules = new GameRules { Width = args.GetValue(width), Height = args.GetValue(height), FoodCount = 30 },
                    // One hook per room; it reports tick lateness every 5 seconds of ticks.
                    TickHooks = () => new AiSnakes(args.GetValue(ai),
                        PlanSources.Create(mode, () => new PathPlanner(), WorkerLaunch.ThisProgram(), PlanSources.DefaultDeadline, log.For("planner")),
                        TimeProvider.System, period, log.For("ticks"), reportEvery: (int)Math.Max(1, 5 * rate)),
                };
                var options = new SnakeServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port))) { Rooms = rooms };
                await using SnakeServer server = await SnakeServer.StartAsync(options, log, cancel);
                log.Line($"offload {mode.ToString().ToLowerInvariant()}, {args.GetValue(ai)} computer snakes per room; open the page to start a room");
                try { await Task.Delay(Timeout.Infinite, cancel); }
                catch (OperationCanceledException) { }
                log.Line("stopping");
                return ExitCodes.Success;
            });
    }
}
