using System.CommandLine;
using Course.Cli;

namespace Dots;

/// <summary>The <c>demo</c> verb: a server and three bots in one process, printing the protocol lines as they flow.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(3);

        return new Command("demo", "A server and three bots, printing the protocol lines as they flow") { seconds }
            .WithAction((args, cancel) =>
            {
                Demo.Run(TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, cancel);
                return Task.FromResult(cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success);
            });
    }
}
