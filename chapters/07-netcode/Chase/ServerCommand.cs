using System.CommandLine;
using System.Net.Sockets;
using Course.Cli;
using Listening;
using Netcode;
using Netcode.Peers;

namespace Chase;

/// <summary>The <c>server</c> verb: a game server (chase, PyGaSe's docs example, or the bench's) until Ctrl+C or shutdown.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> listenPort = CommonOptions.ListenPort(5007);
        var network = new NetworkOptions();
        var example = Choice.Of("--example", "Which game: chase, docs (PyGaSe's foo/bar example), or the bench's bench-state / bench-views", "chase", "chase", "docs", "bench-state", "bench-views");

        var server = new Command("server", "Run a game server until Ctrl+C or until its host client sends shutdown") { host, listenPort, example };
        foreach (Option o in network.All) server.Options.Add(o);
        return server.WithAction(async (args, cancel) =>
        {
            var log = new Log(Console.Out, "server");
            var options = new PeerOptions { Log = log.Line, Network = network.From(args), Seed = args.GetValue(network.Seed) };
            await using Backend backend = args.GetValue(example) switch
            {
                "docs" => DocsExample.Create(options),
                "bench-state" => Bench.BenchGame.Create(options, views: false),
                "bench-views" => Bench.BenchGame.Create(options, views: true),
                _ => ChaseGame.Create(options),
            };
            var endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort));
            try
            {
                await backend.StartAsync(endPoint);
            }
            catch (SocketException e) when (BindErrors.CanExplain(e))
            {
                // A UDP port is taken, or an address missing, just as a TCP one: chapter 01's lines say so.
                throw BindErrors.Explain(e, endPoint);
            }
            try { await backend.Stopped.WaitAsync(cancel); }
            catch (OperationCanceledException) { log.Line("stopping (Ctrl+C)"); }
            catch (Exception) { log.Line("stopped by the failure above"); return ExitCodes.Failure; }
            return ExitCodes.Success;
        });
    }
}
