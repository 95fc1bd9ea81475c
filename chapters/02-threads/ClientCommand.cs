using System.CommandLine;
using Course.Cli;

namespace Dots;

/// <summary>The <c>client</c> verb: play in this terminal, arrow keys move your dot.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5002);

        return new Command("client", "Play in this terminal: arrow keys move your dot, q quits") { host, port }
            .WithAction((args, cancel) =>
            {
                using var connection = DotsConnection.Connect(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), TimeSpan.FromSeconds(5));
                return Task.FromResult(new TerminalClient(connection, new Board()).Run(cancel));
            });
    }
}
