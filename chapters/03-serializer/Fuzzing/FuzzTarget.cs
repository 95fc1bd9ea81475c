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

    /// <summary>True if the bytes were read as a value; false if every reader rejected them properly.</summary>
    public static bool Check(byte[] bytes)
    {
        bool loaded = Try(() => Pickle.Loads<object?>(bytes, Types, Limits));
        Try(() => Pickle.Loads<Room>(bytes, Types, Limits));
        Try(() => Disassembler.Write(bytes, TextWriter.Null, Limits));
        Try(() => new PickleStream(new MemoryStream(bytes), Types, Limits).TryRead(out object? _));
        return loaded;
    }

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
