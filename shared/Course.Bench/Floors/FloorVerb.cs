using System.CommandLine;
using Course.Cli;

namespace Course.Bench;

/// <summary>
/// The command-line side of the floors: the <c>--floor</c> option of a bench, and the hidden <c>floor</c>
/// verb that runs the C# floors (a bench starts its own program again with it, when there is no C compiler).
/// </summary>
public static class FloorVerb
{
    /// <summary><c>--floor auto|c|dotnet</c>: which floor program the bench measures against.</summary>
    public static ChoiceOption<string> Option() => Choice.Of("--floor",
        "The floor's language: auto (C when a C compiler is found, else C#), c, or dotnet", "auto", "auto", "c", "dotnet");

    /// <summary>The hidden <c>floor</c> verb: <c>floor pingpong</c>, <c>floor relay</c>, <c>floor ticker --period-us N --bytes N</c>.</summary>
    public static Command Create()
    {
        var period = Ranged.Between("--period-us", "Microseconds between two messages", 50_000L, 100L, 60_000_000L);
        var bytes = Ranged.Between("--bytes", "Bytes in each message (at least the 8 of the slot number)", 1024, 8, 16 * 1024 * 1024);
        var floor = new Command("floor", "A floor for the benches: the same exchange with nothing else (started by `bench`)")
        {
            new Command("pingpong", "Every byte received comes straight back, one client at a time")
                .WithAction((_, cancel) => Run(() => DotnetFloors.PingPong(cancel))),
            new Command("relay", "Every whole line from one client goes to every other client")
                .WithAction((_, cancel) => Run(() => DotnetFloors.Relay(cancel))),
            new Command("ticker", "On a fixed schedule, a message to every client") { period, bytes }
                .WithAction((args, cancel) => Run(() => DotnetFloors.Ticker(args.GetValue(period), args.GetValue(bytes), cancel))),
        };
        floor.Hidden = true;
        return floor;
    }

    private static async Task<int> Run(Action floor)
    {
        // The floors block; a thread of their own leaves this one free to turn Ctrl+C into the token.
        await Task.Factory.StartNew(floor, TaskCreationOptions.LongRunning);
        return ExitCodes.Success;
    }
}
