using System.CommandLine;
using Course.Cli;
using Netcode.Peers;

namespace Chase;

/// <summary>The <c>bot</c> verb: several bots on a chase server, the first one reporting.</summary>
internal static class BotCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5007);
        var network = new NetworkOptions();
        var count = Ranged.Between("--count", "How many bots", 4, 1, 1000);
        var seconds = CommonOptions.Seconds(30, "How long to play");

        var bot = new Command("bot", "Join a chase server with several bots") { host, port, count, seconds };
        foreach (Option o in network.All) bot.Options.Add(o);
        return bot.WithAction(async (args, cancel) =>
        {
            var log = new Log(Console.Out, "bot");
            var to = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
            var duration = TimeSpan.FromSeconds(args.GetValue(seconds));
            await Task.WhenAll(Enumerable.Range(1, args.GetValue(count)).Select(i =>
                new ChasePlayer($"bot{i}", new PeerOptions { Network = network.From(args), Seed = args.GetValue(network.Seed) + i }, log)
                    .RunAsync(to, duration, report: i == 1, cancel)));
            return ExitCodes.Success;
        });
    }
}
