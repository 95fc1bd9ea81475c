using System.CommandLine;
using System.Net.Sockets;
using Agar.Game;
using Agar.Net;
using Course.Cli;
using Listening;
using Netcode.Peers;

namespace Agar;

/// <summary>The <c>server</c> verb: the game server, until Ctrl+C (or, exit code 1, until a loop of it fails).</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> listenPort = CommonOptions.ListenPort(5008);
        var bots = Ranged.Between("--bots", "Computer players inside the server (no network)", 0, 0, 2000);
        var seed = Ranged.Between<ulong>("--seed", "Seed of the world's randomness: the same seed plays the same game", 1, 0, ulong.MaxValue);
        var maxPlayers = Ranged.Between("--max-players", "Players at most (bots inside included); a join beyond it is refused", 1024, 1, 4096);
        var tickLog = new Option<string?>("--tick-log") { Description = "Also write one line per tick to this file: tick, lateness ms, duration ms, players, bytes sent (the bench reads it)" };

        return new Command("server", "Run the game server until Ctrl+C") { host, listenPort, bots, seed, maxPlayers, tickLog }
            .WithAction(async (args, cancel) =>
            {
                var log = new Log(Console.Out, "server");
                var settings = new WorldSettings { Seed = args.GetValue(seed) };
                var options = new PeerOptions { Log = log.Line };
                await using var game = new AgarServer(settings, args.GetValue(bots), options, args.GetValue(maxPlayers));
                await using TickLog? ticks = args.GetValue(tickLog) is { } path ? TickLog.Open(path, game) : null;
                var endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort));
                try { await game.StartAsync(endPoint); }
                catch (SocketException e) when (BindErrors.CanExplain(e)) { throw BindErrors.Explain(e, endPoint); }
                log.Line($"world {settings.Width}x{settings.Height} (it grows with the crowd), {settings.TickRate} ticks/s, {args.GetValue(bots)} bots inside, " +
                         $"at most {game.MaxPlayers} players; {options.Limits}; Ctrl+C stops");
                Task status = ServerStatus.PrintEveryAsync(game, log, TimeSpan.FromSeconds(10), cancel);
                try
                {
                    await game.Stopped.WaitAsync(cancel); // completes only if the server stops by itself: a loop failed
                    log.Line("stopped by the failure above");
                    return ExitCodes.Failure;
                }
                catch (OperationCanceledException) { log.Line("stopping (Ctrl+C)"); }
                catch (Exception) { log.Line("stopped by the failure above"); return ExitCodes.Failure; }
                await status;
                return ExitCodes.Success;
            });
    }
}
