using System.CommandLine;
using Course.Cli;

namespace Serializer.Network;

/// <summary>The <c>server</c> verb: load pickled messages from TCP clients, refusing bad ones without stopping.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> listenPort = CommonOptions.ListenPort(5003);

        return new Command("server", "Load pickled messages from TCP clients; refuse bad ones without stopping") { host, listenPort }
            .WithAction(async (args, cancel) =>
            {
                var endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort));
                await new RoomServer(endPoint, new Log(Console.Out, "server")).RunAsync(_ => { }, cancel);
                return ExitCodes.Success;
            });
    }
}
