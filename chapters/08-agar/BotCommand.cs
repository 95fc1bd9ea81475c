using System.CommandLine;
using Agar.Net;
using Course.Cli;
using Netcode.Peers;

namespace Agar;

/// <summary>The <c>bot</c> verb: headless computer players joining a server over the network.</summary>
internal static class BotCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5008);
        var count = Ranged.Between("--count", "How many bots this process plays", 10, 1, 1000);
        var seconds = CommonOptions.Seconds(30, "How long the bots play", zero: "until Ctrl+C");
        var seed = Ranged.Between<ulong>("--seed", "Seed of the world's randomness: the same seed plays the same game", 1, 0, ulong.MaxValue);

        return new Command("bot", "Headless computer players joining a server over the network") { host, port, count, seconds, seed }
            .WithAction(async (args, cancel) =>
            {
                var log = new Log(Console.Out, "bot");
                var to = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
                BotSwarm swarm;
                try { swarm = await BotSwarm.JoinAsync(to, args.GetValue(count), args.GetValue(seed), cancel: cancel); }
                catch (Exception e) when (e is TimeoutException or RefusedException) { throw new UserError(e.Message); }
                await using (swarm)
                {
                    log.Line($"{args.GetValue(count)} bots joined {Endpoints.Show(to)}");
                    double given = args.GetValue(seconds);
                    await swarm.PlayAsync(given > 0 ? TimeSpan.FromSeconds(given) : null, cancel, tick =>
                    {
                        if (tick % 150 != 0) return;
                        var best = swarm.Games.OrderByDescending(g => g.Mass).First();
                        log.Line(FormattableString.Invariant($"after {tick / 30} s: heaviest of ours is player {best.YouId}, mass {best.Mass:F0}"));
                    });
                    log.Line("leaving");
                }
                return ExitCodes.Success;
            });
    }
}
