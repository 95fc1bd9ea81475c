using System.Diagnostics;
using Pickling;

namespace Serializer.Fuzzing;

/// <summary>
/// The fuzz verb: many random and damaged streams through every reader. Any exception other than
/// <see cref="PickleFormatException"/> is a bug; it is printed with the input that caused it, in hex.
/// </summary>
public static class Fuzz
{
    public static int Run(long cases, int seed, TextWriter output)
    {
        var random = new Random(seed);
        var types = GameTypes.Registry();
        var clock = Stopwatch.StartNew();
        long loaded = 0, rejected = 0;
        TimeSpan slowest = TimeSpan.Zero;
        for (long i = 0; i < cases; i++)
        {
            byte[] valid = Pickle.Dumps(new RandomGraph(random.Next()).Next(), types);
            byte[] input = Mutations.Apply(valid, random);
            long start = Stopwatch.GetTimestamp();
            try
            {
                if (FuzzTarget.Check(input)) loaded++; else rejected++;
            }
            catch (Exception e)
            {
                output.WriteLine($"case {i}: {e.GetType().Name}: {e.Message}");
                output.WriteLine($"input: {Convert.ToHexString(input)}");
                return 1;
            }
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            if (took > slowest) slowest = took;
        }
        output.WriteLine($"{cases:N0} cases (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0} s: {loaded:N0} still readable, "
                         + $"{rejected:N0} rejected with PickleFormatException, 0 other exceptions; slowest case {slowest.TotalMilliseconds:0.0} ms.");
        return 0;
    }
}
