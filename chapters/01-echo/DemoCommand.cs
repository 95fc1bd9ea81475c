using System.CommandLine;
using Course.Cli;

namespace Echo;

/// <summary>The <c>demo</c> verb: a server and a client in one process, for a short scripted conversation.</summary>
internal static class DemoCommand
{
    public static Command Create() =>
        new Command("demo", "Run a server and a client together for a short scripted conversation")
            .WithAction(async (_, cancel) =>
            {
                await Demo.RunAsync(Console.Out, cancel);
                return ExitCodes.Success;
            });
}
