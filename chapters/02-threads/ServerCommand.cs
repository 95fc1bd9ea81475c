using System.CommandLine;
using Course.Cli;

namespace Dots;

/// <summary>The <c>server</c> verb: the dots server, a thread per player and one relay thread, until Ctrl+C.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> listenPort = CommonOptions.ListenPort(5002);
        var maxClients = Ranged.Between("--max-clients", "Players at once; the next is refused with an error line", 64, 1, 10_000);
        var perAddress = Ranged.Between("--max-per-address", "Connections one address may hold at once", 16, 1, 10_000);
        var idle = Ranged.Above("--idle-timeout", "Close a player that sends no whole line for this many seconds", 300.0, 0, CommonOptions.Day, zero: "never");

        return new Command("server", "Run the dots server: a thread per player, one relay thread") { host, listenPort, maxClients, perAddress, idle }
            .WithAction(async (args, cancel) =>
            {
                var options = new ServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort)))
                {
                    MaxClients = args.GetValue(maxClients),
                    MaxPerAddress = args.GetValue(perAddress),
                    IdleTimeout = TimeSpan.FromSeconds(args.GetValue(idle)),
                };
                var dots = new DotsServer(options, new Log(Console.Out, "server"));
                // The accept loop blocks; it gets a thread of its own so this one can turn Ctrl+C into `cancel`.
                await Task.Factory.StartNew(() => dots.Run(_ => { }, cancel), TaskCreationOptions.LongRunning);
                return ExitCodes.Success;
            });
    }
}
