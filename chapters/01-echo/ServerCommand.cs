using System.CommandLine;
using Course.Cli;

namespace Echo;

/// <summary>The <c>server</c> verb: the echo server, serving one client at a time until Ctrl+C.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> listenPort = CommonOptions.ListenPort(5001);
        var backlog = Ranged.Between("--backlog", "Connections the kernel queues while we are busy", 16, 1, 65535);
        var chunkSize = Ranged.Between("--chunk-size", "Most bytes one receive may return (the seed used 16)", 64 * 1024, 1, 16 * 1024 * 1024);
        var nagle = new Option<bool>("--nagle") { Description = "Leave Nagle's algorithm on, as the seed did (slow for small replies)" };
        var maxClients = Ranged.Between("--max-clients", "Stop after serving this many clients", 0, 1, 1_000_000, zero: "never");
        var stuck = Ranged.Above("--timeout", "Close a client that sends nothing, or does not read its echoes, for this many seconds", 30.0, 0, 3600);
        var quiet = new Option<bool>("--quiet") { Description = "Log connections only, not a line for every message (a busy server spends most of its time logging)" };

        return new Command("server", "Run the echo server; it serves one client at a time") { host, listenPort, backlog, chunkSize, nagle, maxClients, stuck, quiet }
            .WithAction(async (args, cancel) =>
            {
                var options = new EchoServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort)))
                {
                    Backlog = args.GetValue(backlog),
                    ChunkSize = args.GetValue(chunkSize),
                    NoDelay = !args.GetValue(nagle),
                    MaxClients = args.GetValue(maxClients),
                    Timeout = TimeSpan.FromSeconds(args.GetValue(stuck)),
                    LogEachMessage = !args.GetValue(quiet),
                };
                var log = new Log(Console.Out, "server");
                // The server blocks; give it a thread so this one can notice Ctrl+C and stop it.
                await Task.Factory.StartNew(() => new EchoServer(options, log).Run(_ => { }, cancel), TaskCreationOptions.LongRunning);
                return ExitCodes.Success;
            });
    }
}
