using System.CommandLine;
using System.Net;
using Course.Cli;

namespace Echo;

/// <summary>The <c>client</c> verb: send the messages given (or each line of standard input) and print the echoes.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var messages = new Argument<string[]>("message") { Description = "Messages to send; with none, each line of standard input is one", Arity = ArgumentArity.ZeroOrMore };
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5001);
        var timeout = Ranged.Above("--timeout", "Give up connecting or waiting for a reply after this many seconds", 5.0, 0, 3600);

        return new Command("client", "Send messages to the echo server and print what comes back") { messages, host, port, timeout }
            .WithAction(async (args, cancel) =>
            {
                IPEndPoint endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
                string[] given = args.GetValue(messages) ?? [];
                IEnumerable<string> lines = given.Length > 0 ? given : ReadLines(Console.In);
                var echo = new EchoClient(endPoint, TimeSpan.FromSeconds(args.GetValue(timeout)), new Log(Console.Out, "client"));
                await echo.RunAsync(lines, cancel);
                return ExitCodes.Success;
            });
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }
}
