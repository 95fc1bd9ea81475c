using System.CommandLine;
using Course.Cli;

namespace Chase;

/// <summary>The <c>demo</c> verb: PyGaSe's getting-started conversation, server and client in one process.</summary>
internal static class DemoCommand
{
    public static Command Create() =>
        new Command("demo", "PyGaSe's getting-started conversation: the docs example server and a client in one process")
            .WithAction(async (_, cancel) =>
            {
                await Demo.RunAsync(Console.Out, cancel);
                return ExitCodes.Success;
            });
}
