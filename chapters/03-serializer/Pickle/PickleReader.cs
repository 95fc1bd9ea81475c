using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pickling;

/// <summary>
/// Turns opcodes back into objects, trusting nothing. The rules that make it safe:
/// 1. Types: a record type comes only from the <see cref="TypeRegistry"/>, looked up by the name a
///    <c>TYPE</c> opcode carries. An unknown name stops the read right there.
/// 2. Sizes: every length and count is checked against <see cref="PickleLimits"/> before anything is
///    allocated, and a list never reserves more slots than there are bytes left to fill them.
/// 3. Depth: every container adds one level; past the limit the read stops, long before the stack would.
/// 4. Progress: every opcode consumes at least one byte, so the read ends, and quickly, on any input.
/// 5. Errors: anything wrong becomes a <see cref="PickleFormatException"/> with the offset.
/// </summary>
internal sealed class PickleReader(TypeRegistry types)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int KeptMemoSize = 64 * 1024;

    // Most slots a list or dictionary reserves up front; past that it grows as items really arrive.
    private const int MaxReserve = 4096;

    /// <summary>Most fields a TYPE may declare; the names are then checked one by one against the registration.</summary>
    internal const int MaxFields = 256;

    private PickleInput _input = null!;
    private readonly List<object> _memo = [];
    private readonly List<StreamType> _types = [];
    private int _depth;
    private int _maxDepth;

    /// <summary>A record type as this stream declared it: the registration, and its fields in the stream's
    /// order, or null when they are exactly the registered fields in the registered order (the usual case,
    /// which the method built for the type reads in one go).</summary>
    private readonly record struct StreamType(RecordType Record, RecordField[]? Fields);

    private PickleLimits Limits => _input.Limits;

    /// <summary>Whether this reader reads with this registry (a kept reader is reused only if so).</summary>
    public bool Uses(TypeRegistry registry) => registry == types;

    /// <summary>Reads PROTO, one value of type <typeparamref name="T"/>, STOP.</summary>
    public T ReadMessage<T>(PickleInput input)
    {
        _input = input;
        _depth = 0;
        _maxDepth = Limits.MaxDepth;
        try
        {
            long at = _input.Offset;
            if (_input.ReadByte() != (byte)Opcode.Proto) throw _input.Error("a stream must start with PROTO (0x80)", at);
            byte version = _input.ReadByte();
            if (version != PickleWriter.Version) throw _input.Error($"version {version} is not supported (only {PickleWriter.Version})", at + 1);
            T value = Read<T>();
            at = _input.Offset;
            if (_input.ReadByte() != (byte)Opcode.Stop) throw _input.Error("expected STOP after the value", at);
            return value;
        }
        finally
        {
            // Numbers start afresh with each message. Clearing keeps the lists' capacity (no regrowing
            // them for the next message) but drops the references, so this message's objects can be collected.
            _memo.Clear();
            if (_memo.Capacity > KeptMemoSize) _memo.TrimExcess(); // one huge message is no reason to keep a huge list
            _types.Clear();
            _input = null!;
        }
    }

    /// <summary>
    /// Reads a value that must be a <typeparamref name="T"/>. As in the writer, the tests on typeof(T) cost
    /// nothing at run time; a double field reads an opcode and 8 bytes, no boxing. And as in the writer,
    /// it asks to be inlined into the compiled record readers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read<T>()
    {
        if (typeof(T) == typeof(double)) { double d = ReadFloat(); return Unsafe.As<double, T>(ref d); }
        if (typeof(T) == typeof(int)) { int i = (int)ReadInt(int.MinValue, int.MaxValue); return Unsafe.As<int, T>(ref i); }
        if (typeof(T) == typeof(long)) { long l = ReadInt(long.MinValue, long.MaxValue); return Unsafe.As<long, T>(ref l); }
        if (typeof(T) == typeof(string)) { string? s = ReadString(); return Unsafe.As<string?, T>(ref s); }
        return ReadValue<T>();
    }

    /// <summary>A string field: STRING, or NONE for null.</summary>
    public string? ReadString()
    {
        if (_input.PeekByte() != (byte)Opcode.String) return ReadValue<string?>(); // NONE, or the error that says what came instead
        _input.ReadByte();
        return ReadStringBody();
    }

    /// <summary>
    /// A <c>List&lt;T&gt;</c> field. The list is made with its real type from the start and each item is
    /// read with <see cref="Read{T}"/>, so a list of doubles is never boxed and a list of records needs no
    /// type test per item beyond the one that checks it is a <typeparamref name="T"/>.
    /// </summary>
    public List<T>? ReadList<T>()
    {
        if (_input.PeekByte() != (byte)Opcode.List) return ReadValue<List<T>?>(); // NONE, GET, or the error
        long at = _input.Offset;
        _input.ReadByte();
        return ReadListItems<T>(at);
    }

    /// <summary>A record's setter threw on a value from the stream: for the caller, bad input like any other.</summary>
    public PickleFormatException Refused(string typeName, string fieldName, Exception e) =>
        _input.Error($"{typeName}.{fieldName} refused the value: {e.Message}");

    private T ReadValue<T>()
    {
        long at = _input.Offset;
        // Records, repeats and nulls do not depend on the type expected, and in generic code shared by all
        // classes, turning T into a Type object costs a lookup: skip it for them.
        Type expected = !typeof(T).IsValueType && _input.PeekByte() is (byte)Opcode.Record or (byte)Opcode.Get or (byte)Opcode.None
            ? typeof(object)
            : typeof(T);
        object? value = ReadObject(expected);
        if (value is T typed) return typed;
        if (value is null && default(T) is null) return default!;
        throw _input.Error($"expected {Describe(typeof(T))}, found {Describe(value)}", at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ReadFloat()
    {
        byte op = _input.ReadByte();
        if (op != (byte)Opcode.Float) throw Expected("FLOAT", op);
        return _input.ReadDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ReadInt(long min, long max)
    {
        byte op = _input.ReadByte();
        if (op != (byte)Opcode.Int) throw Expected("INT", op);
        long at = _input.Offset - 1;
        long value = _input.ReadVarInt();
        if (value < min || value > max) throw DoesNotFit(value, at);
        return value;
    }

    // The messages of the two errors above, built out of line: they are rare, and methods that ask to be
    // inlined should carry as little code as they can.
    private PickleFormatException Expected(string opcode, byte found) =>
        _input.Error($"expected {opcode}, found {Name(found)}", _input.Offset - 1);

    private PickleFormatException DoesNotFit(long value, long at) => _input.Error($"{value} does not fit in the field", at);

    /// <summary>
    /// Reads any value. <paramref name="expected"/> is the static type the caller will store it in; it
    /// decides which list or dictionary type to build, and turns INT into an int where an int is wanted.
    /// </summary>
    private object? ReadObject(Type expected)
    {
        long at = _input.Offset;
        byte op = _input.ReadByte();
        while (op == (byte)Opcode.Type)
        {
            ReadTypeDeclaration(at);
            at = _input.Offset;
            op = _input.ReadByte();
        }
        switch ((Opcode)op)
        {
            case Opcode.None: return null;
            case Opcode.True: return true;
            case Opcode.False: return false;
            case Opcode.Int:
                long value = _input.ReadVarInt();
                if (expected == typeof(int) || expected == typeof(int?))
                    return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw _input.Error($"{value} does not fit in an int", at);
                return value;
            case Opcode.Float: return _input.ReadDouble();
            case Opcode.String: return ReadStringBody();
            case Opcode.Bytes: return _input.ReadSpan(_input.ReadLength(Limits.MaxStringLength, "byte array length")).ToArray();
            case Opcode.List: return ReadList(expected, at);
            case Opcode.Dict: return ReadDict(expected, at);
            case Opcode.Record: return ReadRecord(at);
            case Opcode.Get:
                ulong number = _input.ReadVarUInt();
                return number < (ulong)_memo.Count ? _memo[(int)number] : throw _input.Error($"memo number {number} was never assigned", at);
            default:
                throw _input.Error($"unexpected opcode {Name(op)}", at);
        }
    }

    /// <summary>Byte count and UTF-8 bytes: the part of a STRING after its opcode (also a TYPE's names).</summary>
    private string ReadStringBody()
    {
        int length = _input.ReadLength(Limits.MaxStringLength, "string length");
        long at = _input.Offset;
        try
        {
            return StrictUtf8.GetString(_input.ReadSpan(length));
        }
        catch (DecoderFallbackException)
        {
            throw _input.Error("the string is not valid UTF-8", at);
        }
    }

    private void ReadTypeDeclaration(long at)
    {
        if (_types.Count >= Limits.MaxTypes) throw _input.Error($"more than {Limits.MaxTypes} record types", at);
        string name = ReadStringBody();
        // The allow-list check, before anything else about this type is read or built.
        RecordType record = types.Find(name) ?? throw _input.Error($"type '{name}' is not registered", at);
        foreach (StreamType known in _types)
            if (known.Record == record) throw _input.Error($"type '{name}' is declared twice", at);

        int count = _input.ReadLength(MaxFields, $"field count of '{name}'");
        var fields = new RecordField[count];
        for (int i = 0; i < count; i++)
        {
            long fieldAt = _input.Offset;
            string fieldName = ReadStringBody();
            RecordField field = record.FindField(fieldName) ?? throw _input.Error($"type '{name}' has no field '{fieldName}'", fieldAt);
            if (Array.IndexOf(fields, field, 0, i) >= 0) throw _input.Error($"field '{fieldName}' of '{name}' is declared twice", fieldAt);
            fields[i] = field;
        }
        _types.Add(new StreamType(record, fields.AsSpan().SequenceEqual(record.FieldArray) ? null : fields));
    }

    private object ReadRecord(long at)
    {
        ulong number = _input.ReadVarUInt();
        if (number >= (ulong)_types.Count) throw _input.Error($"type number {number} was never declared", at);
        StreamType type = _types[(int)number];
        Enter(at);
        object record = type.Record.Create();
        _memo.Add(record); // before the fields: a field may refer back to this very record
        if (type.Fields is null) type.Record.ReadFields(this, record);
        else foreach (RecordField field in type.Fields) field.Read(this, record);
        _depth--;
        return record;
    }

    private List<T> ReadListItems<T>(long at)
    {
        int count = _input.ReadLength(Limits.MaxCollectionLength, "list length");
        Enter(at);
        // Each item takes at least one byte, so a count larger than the bytes left is a lie we can refuse
        // now; and the capacity we reserve is never more than those bytes.
        if (count > _input.KnownRemaining) throw _input.Error($"a list of {count} items cannot fit in the bytes left", at);
        var list = new List<T>(Math.Min(count, MaxReserve));
        _memo.Add(list);
        for (int i = 0; i < count; i++) list.Add(Read<T>());
        _depth--;
        return list;
    }

    private IList ReadList(Type expected, long at)
    {
        Type itemType = expected == typeof(object) ? typeof(object)
            : expected.IsGenericType && expected.GetGenericTypeDefinition() == typeof(List<>) ? expected.GetGenericArguments()[0]
            : throw _input.Error($"expected {Describe(expected)}, found a LIST", at);
        int count = _input.ReadLength(Limits.MaxCollectionLength, "list length");
        Enter(at);
        // Each item takes at least one byte, so a count larger than the bytes left is a lie we can refuse
        // now; and the capacity we reserve is never more than those bytes.
        if (count > _input.KnownRemaining) throw _input.Error($"a list of {count} items cannot fit in the bytes left", at);
        IList list = Collections.NewList(itemType, Math.Min(count, MaxReserve));
        _memo.Add(list);
        for (int i = 0; i < count; i++)
        {
            long itemAt = _input.Offset;
            object? item = ReadObject(itemType);
            if (!Fits(item, itemType)) throw _input.Error($"expected {Describe(itemType)}, found {Describe(item)}", itemAt);
            list.Add(item);
        }
        _depth--;
        return list;
    }

    private IDictionary ReadDict(Type expected, long at)
    {
        (Type keyType, Type valueType) = expected == typeof(object) ? (typeof(object), typeof(object))
            : expected.IsGenericType && expected.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? (expected.GetGenericArguments()[0], expected.GetGenericArguments()[1])
            : throw _input.Error($"expected {Describe(expected)}, found a DICT", at);
        int count = _input.ReadLength(Limits.MaxCollectionLength, "dictionary length");
        Enter(at);
        if (count > _input.KnownRemaining / 2) throw _input.Error($"a dictionary of {count} pairs cannot fit in the bytes left", at);
        IDictionary dictionary = Collections.NewDictionary(keyType, valueType, Math.Min(count, MaxReserve));
        _memo.Add(dictionary);
        for (int i = 0; i < count; i++)
        {
            long keyAt = _input.Offset;
            object? key = ReadObject(keyType);
            // Keys are strings or integers only: hashing a record could run its code (or recurse through
            // a cycle) on data the sender chose.
            if (key is not (string or long or int) || !Fits(key, keyType))
                throw _input.Error($"a dictionary key must be a string or an integer, found {Describe(key)}", keyAt);
            if (dictionary.Contains(key)) throw _input.Error($"duplicate dictionary key '{key}'", keyAt);
            long valueAt = _input.Offset;
            object? value = ReadObject(valueType);
            if (!Fits(value, valueType)) throw _input.Error($"expected {Describe(valueType)}, found {Describe(value)}", valueAt);
            dictionary.Add(key, value);
        }
        _depth--;
        return dictionary;
    }

    private void Enter(long at)
    {
        if (++_depth > _maxDepth) throw _input.Error($"nested deeper than {_maxDepth} levels", at);
    }

    private static bool Fits(object? value, Type type) =>
        value is null ? !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
            : value.GetType() == type || type.IsInstanceOfType(value); // the exact-type test is the cheap, common case

    private static string Name(byte op) => Enum.IsDefined((Opcode)op) ? ((Opcode)op).ToString().ToUpperInvariant() : $"0x{op:x2}";

    private static string Describe(Type type) => type == typeof(object) ? "a value" : Collections.Describe(type);

    private static string Describe(object? value) => value is null ? "NONE" : Collections.Describe(value.GetType());
}
