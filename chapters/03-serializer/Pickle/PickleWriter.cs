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
internal sealed class PickleWriter(TypeRegistry types, PickleLimits limits)
{
    public const byte Version = 1;

    private readonly Dictionary<object, int> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RecordType, int> _declared = new();
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
        _declared.Clear();
        _length = 0;
        _depth = 0;
        WriteByte((byte)Opcode.Proto);
        WriteByte(Version);
        Write(value);
        WriteByte((byte)Opcode.Stop);
        if (_length > limits.MaxBytes)
            throw new InvalidOperationException($"the stream would be {_length} bytes, over the limit of {limits.MaxBytes}");
    }

    /// <summary>
    /// Writes a value of a static type. The <c>typeof(T) ==</c> tests are decided when the JIT compiles
    /// each T, so for a double field this whole method shrinks to <see cref="WriteFloat"/>.
    /// </summary>
    public void Write<T>(T value)
    {
        if (typeof(T) == typeof(double)) WriteFloat(Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(int)) WriteInt(Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(long)) WriteInt(Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(bool)) WriteByte(Unsafe.As<T, bool>(ref value) ? (byte)Opcode.True : (byte)Opcode.False);
        else WriteObject(value);
    }

    public void WriteObject(object? value)
    {
        switch (value)
        {
            case null: WriteByte((byte)Opcode.None); break;
            case bool b: WriteByte(b ? (byte)Opcode.True : (byte)Opcode.False); break;
            case int i: WriteInt(i); break;
            case long l: WriteInt(l); break;
            case double d: WriteFloat(d); break;
            case string s: WriteString(s); break;
            case byte[] bytes: WriteBytes(bytes); break;
            default: WriteReference(value); break;
        }
    }

    private void WriteReference(object value)
    {
        // What is it? Records are the common case, and usually of the type met last. This comes before
        // the memo, so an unregistered type throws before it is given a memo number.
        Type type = value.GetType();
        RecordType? record = type == _lastRecord?.ClrType ? _lastRecord : value is IList or IDictionary ? null : FindRecord(type);

        // One hash lookup that either finds the object's memo number or reserves the next one.
        ref int number = ref CollectionsMarshal.GetValueRefOrAddDefault(_memo, value, out bool seen);
        if (seen)
        {
            WriteByte((byte)Opcode.Get);
            WriteVarUInt((uint)number);
            return;
        }
        number = _memo.Count - 1;

        if (++_depth > limits.MaxDepth)
            throw new InvalidOperationException($"the object graph is nested deeper than {limits.MaxDepth} levels");
        switch (value)
        {
            case not null when record is not null:
                WriteRecord(record, value);
                break;
            case IList list:
                CheckCount(list.Count);
                WriteByte((byte)Opcode.List);
                WriteVarUInt((uint)list.Count);
                for (int i = 0; i < list.Count; i++) WriteObject(list[i]);
                break;
            case IDictionary dictionary:
                CheckCount(dictionary.Count);
                WriteByte((byte)Opcode.Dict);
                WriteVarUInt((uint)dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    WriteObject(entry.Key);
                    WriteObject(entry.Value);
                }
                break;
        }
        _depth--;
    }

    private RecordType FindRecord(Type type)
    {
        // Records of one type usually come in runs (a list of pellets): remember the last lookup.
        if (type == _lastRecord?.ClrType) return _lastRecord;
        _lastRecord = types.Find(type) ?? throw new NotSupportedException(
            $"{type.FullName} is not registered: add it with TypeRegistry.Register<T>(name)");
        return _lastRecord;
    }

    private void WriteRecord(RecordType record, object value)
    {
        if (!_declared.TryGetValue(record, out int typeNumber))
        {
            typeNumber = _declared.Count;
            _declared.Add(record, typeNumber);
            WriteByte((byte)Opcode.Type);
            WriteString(record.Name, withOpcode: false);
            WriteVarUInt((uint)record.Fields.Count);
            foreach (RecordField field in record.FieldArray) WriteString(field.Name, withOpcode: false);
        }
        WriteByte((byte)Opcode.Record);
        WriteVarUInt((uint)typeNumber);
        foreach (RecordField field in record.FieldArray) field.Write(this, value);
    }

    private void WriteInt(long value)
    {
        WriteByte((byte)Opcode.Int);
        WriteVarUInt((ulong)((value << 1) ^ (value >> 63))); // zig-zag: the sign moves to the lowest bit
    }

    private void WriteFloat(double value)
    {
        Ensure(9);
        _buffer[_length] = (byte)Opcode.Float;
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length + 1), value);
        _length += 9;
    }

    private void WriteString(string value, bool withOpcode = true)
    {
        // Room for the worst case (3 bytes per UTF-16 unit), then encode straight into the buffer.
        Ensure(1 + 5 + Encoding.UTF8.GetMaxByteCount(value.Length));
        if (withOpcode) _buffer[_length++] = (byte)Opcode.String;
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

    private void CheckCount(int count)
    {
        if (count > limits.MaxCollectionLength)
            throw new InvalidOperationException($"a collection of {count} items is over the limit of {limits.MaxCollectionLength}");
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
        if (_length + more > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_length + more, _buffer.Length * 2));
    }
}
