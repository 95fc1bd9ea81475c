using System.Diagnostics;
using Course.Cli;
using Pickling;

namespace Serializer.Fuzzing;

/// <summary>
/// The fuzz verb: many random and damaged streams through every reader. Any exception other than
/// <see cref="PickleFormatException"/> is a bug; it is printed with the input that caused it, in hex.
/// </summary>
public static class Fuzz
{
    public static int Run(long cases, int seed, TextWriter output, Progress progress)
    {
        var random = new Random(seed);
        var types = GameTypes.Registry();
        var clock = Stopwatch.StartNew();
        long loaded = 0, rejected = 0;
        TimeSpan slowest = TimeSpan.Zero;
        TimeSpan said = TimeSpan.Zero;
        for (long i = 0; i < cases; i++)
        {
            // A million cases take about a minute: say how far along we are, about once a second.
            if (i % 1024 == 0 && clock.Elapsed - said >= TimeSpan.FromSeconds(1))
            {
                said = clock.Elapsed;
                progress.Step($"{i:N0} of {cases:N0} cases, no exception but PickleFormatException so far");
            }
            byte[] valid = Pickle.Dumps(new RandomGraph(random.Next()).Next(), types);
            byte[] input = Mutations.Apply(valid, random);
            long start = Stopwatch.GetTimestamp();
            try
            {
                if (FuzzTarget.Check(input)) loaded++; else rejected++;
            }
            catch (Exception e)
            {
                progress.Done();
                output.WriteLine($"case {i}: {e.GetType().Name}: {e.Message}");
                output.WriteLine($"input: {Convert.ToHexString(input)}");
                return 1;
            }
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            if (took > slowest) slowest = took;
        }
        progress.Done();
        output.WriteLine($"{cases:N0} cases (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0} s: {loaded:N0} still readable, "
                         + $"{rejected:N0} rejected with PickleFormatException, 0 other exceptions; slowest case {slowest.TotalMilliseconds:0.0} ms.");
        return 0;
    }
}
