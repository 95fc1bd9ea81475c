using System.CommandLine;
using Course.Cli;

namespace Dots;

/// <summary>The <c>demo</c> verb: a server and three bots in one process, taking turns, printing the protocol lines as they flow.</summary>
internal static class DemoCommand
{
    /// <summary>Between two steps: slow enough to watch the lines come, quick enough for a first look (about 3 s in all).</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var rounds = Ranged.Between("--rounds", "How many times each bot moves", 2, 1, 1000);

        return new Command("demo", "A server and three bots taking turns, printing the protocol lines as they flow") { rounds }
            .WithAction((args, cancel) =>
            {
                Demo.Run(args.GetValue(rounds), Pause, Console.Out, cancel);
                return Task.FromResult(cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success);
            });
    }
}
