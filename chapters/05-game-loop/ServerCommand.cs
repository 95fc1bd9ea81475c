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
        Option<int> port = CommonOptions.Port(5005);
        var tickRate = new Option<double>("--tick-rate") { Description = "Ticks per second", DefaultValueFactory = _ => 10 };
        tickRate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= 1 and <= 100)) r.AddError("--tick-rate must be between 1 and 100."); });
        var pacing = new Option<TickPacing>("--pacing") { Description = "Timer (no drift) or SleepAfterTick (the seed's way, for comparison)", DefaultValueFactory = _ => TickPacing.Timer };
        var seed = new Option<int>("--seed") { Description = "Seed of the first room's game (same seed, same game)", DefaultValueFactory = _ => 5 };
        var width = new Option<int>("--width") { Description = "Grid width in cells", DefaultValueFactory = _ => 40 };
        var height = new Option<int>("--height") { Description = "Grid height in cells", DefaultValueFactory = _ => 30 };
        foreach (Option<int> size in new[] { width, height })
            size.Validators.Add(r => { if (r.GetValueOrDefault<int>() is not (>= 10 and <= 200)) r.AddError($"{r.Option.Name} must be between 10 and 200."); });
        var maxMessage = new Option<int>("--max-message-bytes") { Description = "Longest message a player may send", DefaultValueFactory = _ => 1024 };
        maxMessage.Validators.Add(r => { if (r.GetValueOrDefault<int>() is not (>= 64 and <= 1024 * 1024)) r.AddError("--max-message-bytes must be between 64 and 1048576."); });
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
