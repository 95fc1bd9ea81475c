using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pickling;
using Serializer.Fuzzing;

namespace Serializer.Tests;

/// <summary>
/// Properties checked on many generated cases. Round trips: any graph comes back the same. Robustness:
/// random, truncated and mutated bytes never make any reader throw anything but PickleFormatException.
/// Together the robustness properties run 100,000 cases, each through one of the four readers; the fuzz
/// verb runs as many more as you like, each through all four.
/// </summary>
public sealed class PropertyTests
{
    private static readonly TypeRegistry Types = GameTypes.Registry();

    [Property(MaxTest = 2_000)]
    public bool Random_graphs_round_trip_with_sharing_and_cycles(int seed)
    {
        // Byte equality of the second encoding proves more than Equals could: the same values, and the
        // same objects shared in the same places (memo numbers follow the order objects are met).
        byte[] first = Pickle.Dumps(new RandomGraph(seed).Next(), Types);
        byte[] second = Pickle.Dumps(Pickle.Loads(first, Types), Types);
        return first.AsSpan().SequenceEqual(second);
    }

    [Property(MaxTest = 1_000)]
    public bool Integers_round_trip(long value) => Pickle.Loads<long>(Pickle.Dumps(value, Types), Types) == value;

    [Property(MaxTest = 1_000)]
    public bool Floats_round_trip_bit_for_bit(double value) =>
        BitConverter.DoubleToInt64Bits(Pickle.Loads<double>(Pickle.Dumps(value, Types), Types)) == BitConverter.DoubleToInt64Bits(value);

    [Property(MaxTest = 1_000)]
    public bool Strings_round_trip_as_UTF_8_does(NonNull<string> text)
    {
        // A lone UTF-16 surrogate has no UTF-8 form: like every UTF-8 encoder, ours writes U+FFFD instead.
        string expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.Get));
        return Pickle.Loads<string>(Pickle.Dumps(text.Get, Types), Types) == expected;
    }

    [Property(MaxTest = 30_000)]
    public void Random_bytes_behind_a_valid_header_are_read_or_refused(byte[] tail, byte reader) =>
        FuzzTarget.CheckWith(reader, [0x80, 0x01, .. tail]);

    [Property(MaxTest = 20_000)]
    public void Random_bytes_are_read_or_refused(byte[] bytes, byte reader) => FuzzTarget.CheckWith(reader, bytes);

    [Property(MaxTest = 50_000)]
    public void Truncated_and_mutated_streams_are_read_or_refused(int graphSeed, int damageSeed)
    {
        byte[] valid = Pickle.Dumps(new RandomGraph(graphSeed).Next(), Types);
        FuzzTarget.CheckWith(damageSeed & 3, Mutations.Apply(valid, new Random(damageSeed)));
    }

    [Fact]
    public void A_mutated_stream_that_still_reads_reads_the_same_way_twice()
    {
        // Determinism: the reader has no hidden state between messages. Pickle.Loads keeps one reader per
        // thread (its memo and type lists are reused, cleared after each message), and PickleStream one per
        // stream: whatever the first read of a damaged stream left behind must not change the second.
        var random = new Random(7);
        int read = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] input = Mutations.Apply(Pickle.Dumps(new RandomGraph(i).Next(), Types), random);
            string once = Outcome(input), twice = Outcome(input);
            Assert.Equal(once, twice);
            if (!once.StartsWith("read ", StringComparison.Ordinal)) continue;
            read++;

            // The same message twice in one stream: the second must come out as the first did.
            var stream = new PickleStream(new MemoryStream([.. input, .. input]), Types);
            Assert.Equal(once, "read " + Convert.ToHexString(Pickle.Dumps(stream.Read<object?>(), Types)));
            Assert.Equal(once, "read " + Convert.ToHexString(Pickle.Dumps(stream.Read<object?>(), Types)));
        }
        // Enough damaged streams must still read (about one in forty does) for the check above to mean something.
        Assert.True(read >= 100, $"only {read} of 10,000 mutated streams still read");
    }

    // What the reader makes of the bytes: the value (as its own encoding, which shows sharing too) or the refusal.
    private static string Outcome(byte[] input)
    {
        try
        {
            return "read " + Convert.ToHexString(Pickle.Dumps(Pickle.Loads<object?>(input, Types), Types));
        }
        catch (PickleFormatException e)
        {
            return "refused " + e.Message;
        }
    }
}
