namespace Pickling;

/// <summary>
/// The chapter's serializer in four calls, like Python's pickle module: <see cref="Dumps"/> and
/// <see cref="Loads{T}"/> for byte arrays, <see cref="PickleStream"/> for a stream of messages.
/// Layout of the library:
///   Opcode.cs               the instructions, one byte each
///   PickleWriter.cs         object graph to opcodes, with the memo for shared objects and cycles
///   MemoTable.cs            the writer's memo: object to number, by reference
///   PickleReader.cs         opcodes to objects, trusting nothing
///   PickleInput.cs          bytes from an array or a stream, with offsets and the size limit
///   PickleStream.cs         one message after another over a pipe or socket
///   TypeRegistry.cs         the allow-list of record types, by stable name
///   RecordCompiler.cs       per type, compiled methods that write and read all its fields
///   RecordField.cs          reading one field on its own, for streams that order fields differently
///   Collections.cs          the typed lists and dictionaries a field asks for
///   PickleLimits.cs         how much a stream may ask for
///   PickleFormatException   the one exception for bad input, with its byte offset
///   Disassembler.cs         the dis listing: each opcode, its offset and its argument
/// </summary>
public static class Pickle
{
    /// <summary>Serialises <paramref name="value"/>: null, bool, int, long, double, string, byte[],
    /// List&lt;T&gt;, Dictionary&lt;K,V&gt; with string or integer keys, and registered records.</summary>
    /// <exception cref="NotSupportedException">The graph holds an object of a type that is not registered.</exception>
    /// <exception cref="InvalidOperationException">The graph is deeper or larger than the limits allow.</exception>
    public static byte[] Dumps(object? value, TypeRegistry types, PickleLimits? limits = null)
    {
        limits ??= PickleLimits.Default;
        // Each thread keeps its last writer: its buffer and memo table have already grown to the size of
        // the messages this program sends, so the next message costs no resizing.
        PickleWriter writer = t_writer is { } last && last.Uses(types, limits) ? last : new PickleWriter(types, limits);
        t_writer = null; // if the value's own code calls Dumps again, that call gets a writer of its own
        writer.WriteMessage(value);
        byte[] bytes = writer.Written.ToArray();
        if (writer.Written.Length <= KeptBufferSize) t_writer = writer;
        return bytes;
    }

    private const int KeptBufferSize = 1024 * 1024;

    [ThreadStatic] private static PickleWriter? t_writer;

    /// <summary>Reads one value of type <typeparamref name="T"/> (use object for "whatever it is").</summary>
    /// <exception cref="PickleFormatException">Anything at all is wrong with the bytes.</exception>
    public static T Loads<T>(byte[] data, TypeRegistry types, PickleLimits? limits = null)
    {
        var input = new PickleInput(data);
        if (!input.StartMessage(limits ?? PickleLimits.Default)) throw input.Error("the stream is empty");
        // As with the writer: the thread's last reader has its memo list grown to the size of the
        // messages this program reads.
        PickleReader reader = t_reader is { } last && last.Uses(types) ? last : new PickleReader(types);
        t_reader = null;
        T value = reader.ReadMessage<T>(input);
        t_reader = reader;
        if (!input.AtEnd) throw input.Error("extra bytes after STOP");
        return value;
    }

    [ThreadStatic] private static PickleReader? t_reader;

    /// <summary>Reads one value of whatever type the stream holds.</summary>
    public static object? Loads(byte[] data, TypeRegistry types, PickleLimits? limits = null) => Loads<object?>(data, types, limits);
}
