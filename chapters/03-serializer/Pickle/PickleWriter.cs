using System.Buffers.Binary;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Pickling;

/// <summary>
/// Turns one object graph into opcodes. The steps, for each value:
/// 1. A primitive (null, bool, integer, float, string, bytes) is one opcode and its argument.
/// 2. A list, dictionary or record already written in this stream is <c>GET n</c>, its memo number: that
///    is how a shared object stays shared, and how a cycle ends instead of recursing forever.
/// 3. Otherwise it takes the next memo number and is written whole: count and items, or type and fields.
/// 4. The first record of each type is preceded by a <c>TYPE</c> declaration, so the stream names each
///    type once, not once per object.
/// </summary>
/// <remarks>
/// Only lists, dictionaries and records go through the memo: they are the objects that can be shared or
/// be part of a cycle. A string or a number is written where it appears, as many times as it appears.
/// </remarks>
internal sealed class PickleWriter(TypeRegistry types, PickleLimits limits)
{
    public const byte Version = 1;

    private readonly MemoTable _memo = new();
    // For each registered type (by its registration number): its TYPE number in this stream, plus one;
    // 0 means not declared yet. An array, not a dictionary: it is checked for every record written.
    private int[] _typeNumbers = [];
    private int _typesDeclared;
    private byte[] _buffer = new byte[256];
    private int _length;
    private int _depth;
    private RecordType? _lastRecord;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public bool Uses(TypeRegistry registry, PickleLimits limitsWanted) => registry == types && limitsWanted == limits;

    /// <summary>Writes PROTO, the value, STOP; forgets the memo of any earlier message.</summary>
    public void WriteMessage(object? value)
    {
        _memo.Clear();
        Array.Clear(_typeNumbers);
        _typesDeclared = 0;
        _length = 0;
        _depth = 0;
        WriteByte((byte)Opcode.Proto);
        WriteByte(Version);
        WriteObject(value);
        WriteByte((byte)Opcode.Stop);
        if (_length > limits.MaxBytes)
            throw new InvalidOperationException($"the stream would be {_length} bytes, over the limit of {limits.MaxBytes}");
    }

    /// <summary>
    /// Writes a value of a static type. The <c>typeof(T) ==</c> tests are decided when the JIT compiles
    /// each T, so for a double field this whole method shrinks to <see cref="WriteFloat"/>. Asking for it
    /// to be inlined lets a record's compiled writer (<see cref="RecordCompiler"/>) hold the few
    /// instructions that write a FLOAT, instead of a call, even on the first message, before the JIT has
    /// seen which methods are hot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write<T>(T value)
    {
        if (typeof(T) == typeof(double)) WriteFloat(Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(int)) WriteInt(Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(long)) WriteInt(Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(bool)) WriteByte(Unsafe.As<T, bool>(ref value) ? (byte)Opcode.True : (byte)Opcode.False);
        else if (typeof(T) == typeof(string)) WriteString(Unsafe.As<T, string?>(ref value));
        else WriteObject(value);
    }

    /// <summary>
    /// A <c>List&lt;T&gt;</c> whose item type is known: the items are read straight from the list's array
    /// and each goes through <see cref="Write{T}"/>, so a <c>List&lt;double&gt;</c> is never boxed.
    /// </summary>
    public void WriteList<T>(List<T>? list)
    {
        if (list is null)
        {
            WriteByte((byte)Opcode.None);
            return;
        }
        if (!Enter(list)) return;
        WriteCount(Opcode.List, list.Count);
        Span<T> items = CollectionsMarshal.AsSpan(list);
        // A sealed record type has no subclasses: every item is exactly that type, or null. Look the
        // type up once for the whole list instead of asking each item what it is.
        if (!typeof(T).IsValueType && typeof(T).IsSealed && types.Find(typeof(T)) is { } record)
            foreach (T item in items) WriteRecord(record, item);
        else
            foreach (T item in items) Write(item);
        _depth--;
    }

    /// <summary>A value whose type is known only at run time: decided here, one test after another.</summary>
    public void WriteObject(object? value)
    {
        switch (value)
        {
            case null: WriteByte((byte)Opcode.None); break;
            case string s: WriteString(s); break;
            case bool b: WriteByte(b ? (byte)Opcode.True : (byte)Opcode.False); break;
            case int i: WriteInt(i); break;
            case long l: WriteInt(l); break;
            case double d: WriteFloat(d); break;
            case byte[] bytes: WriteBytes(bytes); break;
            default: WriteReference(value); break;
        }
    }

    private void WriteReference(object value)
    {
        // What is it? Records are the common case, and usually of the type met last. This comes before
        // the memo, so an unregistered type throws before it is given a memo number.
        RecordType? record = _lastRecord is { } last && last.TypeHandle == Type.GetTypeHandle(value).Value ? last
            : value is IList or IDictionary ? null
            : FindRecord(value.GetType());
        if (record is not null)
        {
            WriteRecord(record, value);
            return;
        }
        if (!Enter(value)) return;
        if (value is IList list)
        {
            WriteCount(Opcode.List, list.Count);
            for (int i = 0; i < list.Count; i++) WriteObject(list[i]);
        }
        else
        {
            var dictionary = (IDictionary)value;
            WriteCount(Opcode.Dict, dictionary.Count);
            foreach (DictionaryEntry entry in dictionary)
            {
                WriteObject(entry.Key);
                WriteObject(entry.Value);
            }
        }
        _depth--;
    }

    /// <summary>
    /// The memo step for a list, dictionary or record. Seen before: writes <c>GET n</c> and returns false.
    /// New: it now has the next number, one more level of nesting is counted, and it returns true.
    /// </summary>
    private bool Enter(object value)
    {
        int number = _memo.FindOrAdd(value);
        if (number >= 0)
        {
            WriteByte((byte)Opcode.Get);
            WriteVarUInt((uint)number);
            return false;
        }
        if (++_depth > limits.MaxDepth)
            throw new InvalidOperationException($"the object graph is nested deeper than {limits.MaxDepth} levels");
        return true;
    }

    private RecordType FindRecord(Type type)
    {
        // Records of one type usually come in runs (a list of pellets): remember the last lookup.
        _lastRecord = types.Find(type) ?? throw new NotSupportedException(
            $"{type.FullName} is not registered: add it with TypeRegistry.Register<T>(name)");
        return _lastRecord;
    }

    /// <summary>A record of a known type, or NONE: GET if it was written before, else TYPE (the first
    /// time this stream meets the type), RECORD and its fields.</summary>
    private void WriteRecord(RecordType record, object? value)
    {
        if (value is null)
        {
            WriteByte((byte)Opcode.None);
            return;
        }
        if (!Enter(value)) return;
        if (record.Number >= _typeNumbers.Length) Array.Resize(ref _typeNumbers, types.Count);
        int typeNumber = _typeNumbers[record.Number] - 1;
        if (typeNumber < 0)
        {
            typeNumber = _typesDeclared++;
            _typeNumbers[record.Number] = typeNumber + 1;
            WriteByte((byte)Opcode.Type);
            WriteStringBody(record.Name);
            WriteVarUInt((uint)record.FieldArray.Length);
            foreach (RecordField field in record.FieldArray) WriteStringBody(field.Name);
        }
        Ensure(1 + 5);
        _buffer[_length++] = (byte)Opcode.Record;
        WriteVarUInt((uint)typeNumber);
        record.WriteFields(this, value); // every field, through the method built for this type at registration
        _depth--;
    }

    private void WriteCount(Opcode opcode, int count)
    {
        if (count > limits.MaxCollectionLength)
            throw new InvalidOperationException($"a collection of {count} items is over the limit of {limits.MaxCollectionLength}");
        WriteByte((byte)opcode);
        WriteVarUInt((uint)count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteInt(long value)
    {
        Ensure(1 + 10);
        _buffer[_length++] = (byte)Opcode.Int;
        WriteVarUInt((ulong)((value << 1) ^ (value >> 63))); // zig-zag: the sign moves to the lowest bit
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteFloat(double value)
    {
        Ensure(9);
        _buffer[_length] = (byte)Opcode.Float;
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length + 1), value);
        _length += 9;
    }

    /// <summary>STRING and the text, or NONE for null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte((byte)Opcode.None);
            return;
        }
        WriteByte((byte)Opcode.String);
        WriteStringBody(value);
    }

    /// <summary>Byte count and UTF-8 bytes, the part of a STRING after its opcode (also a TYPE's names).</summary>
    private void WriteStringBody(string value)
    {
        // Room for the worst case (3 bytes per UTF-16 unit), then encode straight into the buffer.
        Ensure(5 + Encoding.UTF8.GetMaxByteCount(value.Length));
        if (value.Length <= 42 && limits.MaxStringLength >= 127)
        {
            // Short strings (most names) encode to at most 126 bytes, so the length is one varint byte:
            // leave a hole for it, encode, then fill the hole. One pass over the characters, not two.
            int hole = _length++;
            int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
            _buffer[hole] = (byte)written;
            _length += written;
            return;
        }
        int byteCount = Encoding.UTF8.GetByteCount(value);
        if (byteCount > limits.MaxStringLength)
            throw new InvalidOperationException($"a string of {byteCount} bytes is over the limit of {limits.MaxStringLength}");
        WriteVarUInt((uint)byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    private void WriteBytes(byte[] value)
    {
        if (value.Length > limits.MaxStringLength)
            throw new InvalidOperationException($"a byte array of {value.Length} bytes is over the limit of {limits.MaxStringLength}");
        WriteByte((byte)Opcode.Bytes);
        WriteVarUInt((uint)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer, _length);
        _length += value.Length;
    }

    private void WriteVarUInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length) Grow(more);
    }

    // Kept out of Ensure, so Ensure is small enough for the JIT to inline everywhere.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int more) => Array.Resize(ref _buffer, Math.Max(_length + more, _buffer.Length * 2));
}
