using System.CommandLine;
using Course.Cli;
using Netcode.Peers;

namespace Chase;

/// <summary>The <c>client</c> verb: one player on a chase server, printing what it sees every second.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5007);
        var network = new NetworkOptions();
        var seconds = CommonOptions.Seconds(30, "How long to play");
        var name = new Option<string>("--name") { Description = "Your player's name", DefaultValueFactory = _ => Environment.UserName };

        var client = new Command("client", "Join a chase server as one player and print what you see every second") { host, port, name, seconds };
        foreach (Option o in network.All) client.Options.Add(o);
        return client.WithAction(async (args, cancel) =>
        {
            var log = new Log(Console.Out, "client");
            var options = new PeerOptions { Network = network.From(args), Seed = args.GetValue(network.Seed) };
            await new ChasePlayer(args.GetValue(name)!, options, log)
                .RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), TimeSpan.FromSeconds(args.GetValue(seconds)), report: true, cancel);
            return ExitCodes.Success;
        });
    }
}
