using System.CommandLine;
using Course.Cli;

namespace Dots;

/// <summary>The <c>bot</c> verb: a client that moves at random, for demos and load.</summary>
internal static class BotCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5002);
        var seed = Ranged.Between("--seed", "Seed of the random walk (same seed, same walk)", 1, 0, int.MaxValue);
        var interval = Ranged.Between("--interval-ms", "Milliseconds between moves", 200, 1, 60_000);
        var seconds = CommonOptions.Seconds(3600, "Seconds to play before leaving");
        var verbose = new Option<bool>("--verbose") { Description = "Print every line sent and received" };

        return new Command("bot", "A client that moves at random, for demos and load") { host, port, seed, interval, seconds, verbose }
            .WithAction((args, cancel) =>
            {
                using var connection = DotsConnection.Connect(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), TimeSpan.FromSeconds(5));
                var log = new Log(Console.Out, "bot");
                bool loud = args.GetValue(verbose);
                var walker = new Bot(connection, args.GetValue(seed), TimeSpan.FromMilliseconds(args.GetValue(interval)), log)
                {
                    OnLine = loud ? line => log.Line($"<- {line}") : null,
                    OnSent = loud ? line => log.Line($"-> {line}") : null,
                };
                using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeUp.CancelAfter(TimeSpan.FromSeconds(args.GetValue(seconds)));
                return Task.FromResult(walker.Run(timeUp.Token));
            });
    }
}
