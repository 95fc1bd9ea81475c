using System.CommandLine;
using Course.Cli;

namespace Serializer.Fuzzing;

/// <summary>The <c>fuzz</c> verb: random and damaged streams against every reader.</summary>
internal static class FuzzCommand
{
    public static Command Create()
    {
        var cases = Ranged.Between("--cases", "How many damaged streams to try", 1_000_000L, 1, 1_000_000_000_000);
        var seed = Ranged.Between("--seed", "Seed of the random generator (same seed, same cases)", 1, 0, int.MaxValue);

        return new Command("fuzz", "Feed random and damaged streams to every reader; fail on any exception but PickleFormatException") { cases, seed }
            .WithAction((args, _) => Task.FromResult(Fuzz.Run(args.GetValue(cases), args.GetValue(seed), Console.Out, Progress.ToStandardError("fuzz"))));
    }
}
