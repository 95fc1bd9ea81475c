using Pickling;

namespace Serializer.Fuzzing;

/// <summary>
/// What the fuzz verb and the property tests check on each input: every way of reading it either
/// succeeds or throws <see cref="PickleFormatException"/>. Anything else escapes as a failure.
/// </summary>
public static class FuzzTarget
{
    private static readonly TypeRegistry Types = GameTypes.Registry();

    /// <summary>Small limits, so the fuzzer also reaches the limit checks.</summary>
    public static PickleLimits Limits { get; } = new() { MaxDepth = 8, MaxCollectionLength = 1000, MaxStringLength = 1000, MaxBytes = 64 * 1024 };

    /// <summary>The readers under test: to an object, to a Room, the disassembler, and the stream reader.</summary>
    public const int ReaderCount = 4;

    /// <summary>True if the bytes were read as a value; false if every reader rejected them properly.</summary>
    public static bool Check(byte[] bytes)
    {
        bool loaded = CheckWith(0, bytes);
        for (int reader = 1; reader < ReaderCount; reader++) CheckWith(reader, bytes);
        return loaded;
    }

    /// <summary>
    /// One reader only. The tests spread their cases over the readers this way: a rejected stream costs
    /// an exception, and exceptions are what make a fuzz run slow.
    /// </summary>
    public static bool CheckWith(int reader, byte[] bytes) => (reader % ReaderCount) switch
    {
        0 => Try(() => Pickle.Loads<object?>(bytes, Types, Limits)),
        1 => Try(() => Pickle.Loads<Room>(bytes, Types, Limits)),
        2 => Try(() => Disassembler.Write(bytes, TextWriter.Null, Limits)),
        _ => Try(() => new PickleStream(new MemoryStream(bytes), Types, Limits).TryRead(out object? _)),
    };

    private static bool Try(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (PickleFormatException)
        {
            return false;
        }
    }
}
