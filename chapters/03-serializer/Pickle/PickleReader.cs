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
internal sealed class PickleReader(PickleInput input, TypeRegistry types)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Most slots a list or dictionary reserves up front; past that it grows as items really arrive.
    private const int MaxReserve = 4096;

    /// <summary>Most fields a TYPE may declare; the names are then checked one by one against the registration.</summary>
    internal const int MaxFields = 256;

    private readonly List<object> _memo = [];
    private readonly List<StreamType> _types = [];
    private int _depth;

    /// <summary>A record type as this stream declared it: the registration, and its fields in the stream's order.</summary>
    private readonly record struct StreamType(RecordType Record, RecordField[] Fields);

    private PickleLimits Limits => input.Limits;

    /// <summary>Offset of the next byte, for errors raised outside the reader (a record's setter).</summary>
    public long Offset => input.Offset;

    /// <summary>Reads PROTO, one value of type <typeparamref name="T"/>, STOP.</summary>
    public T ReadMessage<T>()
    {
        _memo.Clear();
        _types.Clear();
        _depth = 0;
        long at = input.Offset;
        if (input.ReadByte() != (byte)Opcode.Proto) throw input.Error("a stream must start with PROTO (0x80)", at);
        byte version = input.ReadByte();
        if (version != PickleWriter.Version) throw input.Error($"version {version} is not supported (only {PickleWriter.Version})", at + 1);
        T value = Read<T>();
        at = input.Offset;
        if (input.ReadByte() != (byte)Opcode.Stop) throw input.Error("expected STOP after the value", at);
        return value;
    }

    /// <summary>
    /// Reads a value that must be a <typeparamref name="T"/>. As in the writer, the tests on typeof(T) cost
    /// nothing at run time; a double field reads an opcode and 8 bytes, no boxing.
    /// </summary>
    public T Read<T>()
    {
        if (typeof(T) == typeof(double)) { double d = ReadFloat(); return Unsafe.As<double, T>(ref d); }
        if (typeof(T) == typeof(int)) { int i = checked((int)ReadInt(int.MinValue, int.MaxValue)); return Unsafe.As<int, T>(ref i); }
        if (typeof(T) == typeof(long)) { long l = ReadInt(long.MinValue, long.MaxValue); return Unsafe.As<long, T>(ref l); }

        long at = input.Offset;
        object? value = ReadObject(typeof(T));
        if (value is T typed) return typed;
        if (value is null && default(T) is null) return default!;
        throw input.Error($"expected {Describe(typeof(T))}, found {Describe(value)}", at);
    }

    private double ReadFloat()
    {
        long at = input.Offset;
        byte op = input.ReadByte();
        if (op != (byte)Opcode.Float) throw input.Error($"expected FLOAT, found {Name(op)}", at);
        return input.ReadDouble();
    }

    private long ReadInt(long min, long max)
    {
        long at = input.Offset;
        byte op = input.ReadByte();
        if (op != (byte)Opcode.Int) throw input.Error($"expected INT, found {Name(op)}", at);
        long value = input.ReadVarInt();
        if (value < min || value > max) throw input.Error($"{value} does not fit in the field", at);
        return value;
    }

    /// <summary>
    /// Reads any value. <paramref name="expected"/> is the static type the caller will store it in; it
    /// decides which list or dictionary type to build, and turns INT into an int where an int is wanted.
    /// </summary>
    private object? ReadObject(Type expected)
    {
        long at = input.Offset;
        byte op = input.ReadByte();
        while (op == (byte)Opcode.Type)
        {
            ReadTypeDeclaration(at);
            at = input.Offset;
            op = input.ReadByte();
        }
        switch ((Opcode)op)
        {
            case Opcode.None: return null;
            case Opcode.True: return true;
            case Opcode.False: return false;
            case Opcode.Int:
                long value = input.ReadVarInt();
                if (expected == typeof(int) || expected == typeof(int?))
                    return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw input.Error($"{value} does not fit in an int", at);
                return value;
            case Opcode.Float: return input.ReadDouble();
            case Opcode.String: return ReadString();
            case Opcode.Bytes: return input.ReadSpan(input.ReadLength(Limits.MaxStringLength, "byte array length")).ToArray();
            case Opcode.List: return ReadList(expected, at);
            case Opcode.Dict: return ReadDict(expected, at);
            case Opcode.Record: return ReadRecord(at);
            case Opcode.Get:
                ulong number = input.ReadVarUInt();
                return number < (ulong)_memo.Count ? _memo[(int)number] : throw input.Error($"memo number {number} was never assigned", at);
            default:
                throw input.Error($"unexpected opcode {Name(op)}", at);
        }
    }

    private string ReadString()
    {
        int length = input.ReadLength(Limits.MaxStringLength, "string length");
        long at = input.Offset;
        try
        {
            return StrictUtf8.GetString(input.ReadSpan(length));
        }
        catch (DecoderFallbackException)
        {
            throw input.Error("the string is not valid UTF-8", at);
        }
    }

    private void ReadTypeDeclaration(long at)
    {
        if (_types.Count >= Limits.MaxTypes) throw input.Error($"more than {Limits.MaxTypes} record types", at);
        string name = ReadString();
        // The allow-list check, before anything else about this type is read or built.
        RecordType record = types.Find(name) ?? throw input.Error($"type '{name}' is not registered", at);
        foreach (StreamType known in _types)
            if (known.Record == record) throw input.Error($"type '{name}' is declared twice", at);

        int count = input.ReadLength(MaxFields, $"field count of '{name}'");
        var fields = new RecordField[count];
        for (int i = 0; i < count; i++)
        {
            long fieldAt = input.Offset;
            string fieldName = ReadString();
            RecordField field = record.FindField(fieldName) ?? throw input.Error($"type '{name}' has no field '{fieldName}'", fieldAt);
            if (Array.IndexOf(fields, field, 0, i) >= 0) throw input.Error($"field '{fieldName}' of '{name}' is declared twice", fieldAt);
            fields[i] = field;
        }
        _types.Add(new StreamType(record, fields));
    }

    private object ReadRecord(long at)
    {
        ulong number = input.ReadVarUInt();
        if (number >= (ulong)_types.Count) throw input.Error($"type number {number} was never declared", at);
        StreamType type = _types[(int)number];
        Enter(at);
        object record = type.Record.Create();
        _memo.Add(record); // before the fields: a field may refer back to this very record
        foreach (RecordField field in type.Fields) field.Read(this, record);
        _depth--;
        return record;
    }

    private IList ReadList(Type expected, long at)
    {
        Type itemType = expected == typeof(object) ? typeof(object)
            : expected.IsGenericType && expected.GetGenericTypeDefinition() == typeof(List<>) ? expected.GetGenericArguments()[0]
            : throw input.Error($"expected {Describe(expected)}, found a LIST", at);
        int count = input.ReadLength(Limits.MaxCollectionLength, "list length");
        Enter(at);
        // Each item takes at least one byte, so a count larger than the bytes left is a lie we can refuse
        // now; and the capacity we reserve is never more than those bytes.
        if (count > input.KnownRemaining) throw input.Error($"a list of {count} items cannot fit in the bytes left", at);
        IList list = Collections.NewList(itemType, Math.Min(count, MaxReserve));
        _memo.Add(list);
        for (int i = 0; i < count; i++)
        {
            long itemAt = input.Offset;
            object? item = ReadObject(itemType);
            if (!Fits(item, itemType)) throw input.Error($"expected {Describe(itemType)}, found {Describe(item)}", itemAt);
            list.Add(item);
        }
        _depth--;
        return list;
    }

    private IDictionary ReadDict(Type expected, long at)
    {
        (Type keyType, Type valueType) = expected == typeof(object) ? (typeof(object), typeof(object))
            : expected.IsGenericType && expected.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? (expected.GetGenericArguments()[0], expected.GetGenericArguments()[1])
            : throw input.Error($"expected {Describe(expected)}, found a DICT", at);
        int count = input.ReadLength(Limits.MaxCollectionLength, "dictionary length");
        Enter(at);
        if (count > input.KnownRemaining / 2) throw input.Error($"a dictionary of {count} pairs cannot fit in the bytes left", at);
        IDictionary dictionary = Collections.NewDictionary(keyType, valueType, Math.Min(count, MaxReserve));
        _memo.Add(dictionary);
        for (int i = 0; i < count; i++)
        {
            long keyAt = input.Offset;
            object? key = ReadObject(keyType);
            // Keys are strings or integers only: hashing a record could run its code (or recurse through
            // a cycle) on data the sender chose.
            if (key is not (string or long or int) || !Fits(key, keyType))
                throw input.Error($"a dictionary key must be a string or an integer, found {Describe(key)}", keyAt);
            if (dictionary.Contains(key)) throw input.Error($"duplicate dictionary key '{key}'", keyAt);
            long valueAt = input.Offset;
            object? value = ReadObject(valueType);
            if (!Fits(value, valueType)) throw input.Error($"expected {Describe(valueType)}, found {Describe(value)}", valueAt);
            dictionary.Add(key, value);
        }
        _depth--;
        return dictionary;
    }

    private void Enter(long at)
    {
        if (++_depth > Limits.MaxDepth) throw input.Error($"nested deeper than {Limits.MaxDepth} levels", at);
    }

    private static bool Fits(object? value, Type type) =>
        value is null ? !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
            : value.GetType() == type || type.IsInstanceOfType(value); // the exact-type test is the cheap, common case

    private static string Name(byte op) => Enum.IsDefined((Opcode)op) ? ((Opcode)op).ToString().ToUpperInvariant() : $"0x{op:x2}";

    private static string Describe(Type type) => type == typeof(object) ? "a value" : Collections.Describe(type);

    private static string Describe(object? value) => value is null ? "NONE" : Collections.Describe(value.GetType());
}
