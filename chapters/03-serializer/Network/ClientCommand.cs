using System.CommandLine;
using Course.Cli;

namespace Serializer.Network;

/// <summary>The <c>client</c> verb: send one example stream to the server and print its answer.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5003);
        var send = Choice.Of("--example", "Which example stream to send", "shared", [.. Examples.Names]);
        var timeout = Ranged.Above("--timeout", "Give up after this many seconds", 5.0, 0, 3600);

        return new Command("client", "Send one example stream to the server and print its answer") { send, host, port, timeout }
            .WithAction(async (args, _) =>
            {
                await RoomClient.RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), args.GetValue(send)!,
                    new Log(Console.Out, "client"), TimeSpan.FromSeconds(args.GetValue(timeout)));
                return ExitCodes.Success;
            });
    }
}
