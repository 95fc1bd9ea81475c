using System.CommandLine;
using Course.Cli;
using Snake.Game;
using Snake.Loop;
using Snake.Rooms;
using Snake.Web;

namespace GameLoop;

/// <summary>The <c>server</c> verb: its options, and how they become <see cref="SnakeServerOptions"/>.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.ListenPort(5005);
        var tickRate = Ranged.Between("--tick-rate", "Ticks per second", 10.0, 1, 100);
        var pacing = Choice.Of("--pacing", "timer (no drift) or sleep-after-tick (the seed's way, for comparison)", TickPacing.Timer);
        var seed = Ranged.Between("--seed", "Seed of the first room's game (same seed, same game)", 5, 0, int.MaxValue);
        var width = Ranged.Between("--width", "Grid width in cells", 40, 10, 200);
        var height = Ranged.Between("--height", "Grid height in cells", 30, 10, 200);
        var maxMessage = Ranged.Between("--max-message-bytes", "Longest message a player may send", 1024, 64, 1024 * 1024);
        var quiet = new Option<bool>("--quiet") { Description = "Log only the address and failures, not every join and leave" };

        return new Command("server", "Serve the snake page on / and its web socket on /connect") { host, port, tickRate, pacing, seed, width, height, maxMessage, quiet }
            .WithAction(async (args, cancel) =>
            {
                var options = new SnakeServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)))
                {
                    MaxMessageBytes = args.GetValue(maxMessage),
                    Rooms = new RoomOptions
                    {
                        // Failures always reach the console, --quiet or not: a loop must never die silently.
                        FailureLog = new Log(Console.Error, "server"),
                        TickRate = args.GetValue(tickRate),
                        Pacing = args.GetValue(pacing),
                        Seed = args.GetValue(seed),
                        Rules = new GameRules { Width = args.GetValue(width), Height = args.GetValue(height) },
                    },
                };
                var log = new Log(Console.Out, "server");
                // --quiet still shows the address (the bench reads it) and failures, not the per-player lines.
                Log roomLog = args.GetValue(quiet) ? Log.Null : log;
                await using SnakeServer server = await SnakeServer.StartAsync(options, roomLog, cancel);
                if (args.GetValue(quiet)) log.Line($"listening on http://{Endpoints.Show(server.EndPoint)}/ (web socket at /connect)");
                try { await Task.Delay(Timeout.Infinite, cancel); }
                catch (OperationCanceledException) { }
                log.Line("stopping");
                return ExitCodes.Success;
            });
    }
}
