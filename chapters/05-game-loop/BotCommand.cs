using System.CommandLine;
using System.Net;
using Course.Cli;
using Snake.Bots;

namespace GameLoop;

/// <summary>The <c>bot</c> verb: a few console players that chase food, printing the scoreboard.</summary>
internal static class BotCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5005);
        var count = Ranged.Between("--count", "How many bots", 3, 1, 1000);
        var room = new Option<string>("--room") { Description = "Room to join", DefaultValueFactory = _ => "lobby" };
        Option<double> seconds = CommonOptions.Seconds(3600, "Play this long, then leave");

        return new Command("bot", "Connect console bots that steer towards food") { host, port, count, room, seconds }
            .WithAction(async (args, cancel) =>
            {
                IPEndPoint server = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
                var log = new Log(Console.Out, "bot");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                stop.CancelAfter(TimeSpan.FromSeconds(args.GetValue(seconds)));
                long lastPrinted = 0;
                var bots = Enumerable.Range(1, args.GetValue(count)).Select(i => new SnakeBot(server, args.GetValue(room)!, $"bot{i}")
                {
                    // The first bot prints the scoreboard about once a second.
                    OnState = i != 1 ? null : (state, _, _) =>
                    {
                        if (state.Tick - Interlocked.Read(ref lastPrinted) < 10) return;
                        Interlocked.Exchange(ref lastPrinted, state.Tick);
                        log.Line($"tick {state.Tick}: " + string.Join(", ", state.Snakes.OrderByDescending(s => s.Score).Select(s => $"{s.Name} {s.Score}")));
                    },
                }).ToList();
                log.Line($"{bots.Count} bot(s) joining room {args.GetValue(room)} at {Endpoints.Show(server)}");
                await Task.WhenAll(bots.Select(b => b.RunAsync(stop.Token)));
                log.Line("done");
                return ExitCodes.Success;
            });
    }
}
