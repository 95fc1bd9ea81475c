using System.Buffers.Binary;

namespace Pickling;

/// <summary>
/// The bytes a reader consumes, from an array or a <see cref="Stream"/>, with the offset of each and the
/// size limit. Every read asks for a known number of bytes; if they are not there (the array ends, the
/// stream reaches end-of-file) that is a truncated stream, reported where it happened.
/// </summary>
/// <remarks>
/// Over a stream the input keeps what it read past the end of one message for the next one, so several
/// messages can follow each other on one pipe or socket: see <see cref="PickleStream"/>.
/// </remarks>
internal sealed class PickleInput
{
    private readonly Stream? _stream;
    private byte[] _buffer;
    private int _position;
    private int _end;
    private long _bufferStart;   // stream offset of _buffer[0]
    private long _messageStart;  // stream offset of the current message's first byte
    // Bytes before this index may be read with no further check: they are in the buffer, and inside the
    // message's size limit. Every read tests only this; the rarer cases (refill the buffer from the
    // stream, a truncated stream, a message over the limit) are decided in the slow path.
    private int _checkedEnd;

    public PickleInput(byte[] bytes)
    {
        _buffer = bytes;
        _end = bytes.Length;
        UpdateCheckedEnd();
    }

    public PickleInput(Stream stream)
    {
        _stream = stream;
        _buffer = new byte[4096];
    }

    public PickleLimits Limits { get; private set; } = PickleLimits.Default;

    /// <summary>Offset of the next byte, counted from the first byte of the current message.</summary>
    public long Offset => _bufferStart + _position - _messageStart;

    /// <summary>Whether the next message can start: false at a clean end of the stream.</summary>
    public bool StartMessage(PickleLimits limits)
    {
        Limits = limits;
        _messageStart = _bufferStart + _position;
        UpdateCheckedEnd();
        return _position < _end || Fill(1, cleanEndAllowed: true);
    }

    /// <summary>Bytes left in an array input; for a stream we cannot know, so the size limit stands in.</summary>
    public long KnownRemaining => _stream is null ? _end - _position : Limits.MaxBytes - Offset;

    public bool AtEnd => _stream is null && _position == _end;

    public PickleFormatException Error(string problem, long? at = null) => new(at ?? Offset, problem);

    public byte ReadByte()
    {
        int position = _position;
        if (position < _checkedEnd)
        {
            _position = position + 1;
            return _buffer[position];
        }
        return ReadByteChecked();
    }

    /// <summary>The next byte, left unread: lets a reader choose its path by the opcode ahead.</summary>
    public byte PeekByte()
    {
        if (_position < _checkedEnd) return _buffer[_position];
        byte next = ReadByteChecked();
        _position--; // the byte is still in the buffer: a refill keeps every byte from _position on
        return next;
    }

    private byte ReadByteChecked()
    {
        if (_position == _end) Fill(1, cleanEndAllowed: false);
        CheckSize(1);
        return _buffer[_position++];
    }

    public ReadOnlySpan<byte> ReadSpan(int count)
    {
        if ((uint)count > (uint)(_checkedEnd - _position))
        {
            if (_end - _position < count) Fill(count, cleanEndAllowed: false);
            CheckSize(count);
        }
        var span = new ReadOnlySpan<byte>(_buffer, _position, count);
        _position += count;
        return span;
    }

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadSpan(8));

    /// <summary>An unsigned LEB128 varint: 7 bits a byte, low bits first, high bit set on all but the last.</summary>
    public ulong ReadVarUInt()
    {
        // Most varints are one byte (a small count, a type number): this much is small enough for the JIT
        // to copy into each caller, and answers those at once.
        int position = _position;
        if (position < _checkedEnd && _buffer[position] < 0x80)
        {
            _position = position + 1;
            return _buffer[position];
        }
        return ReadLongerVarUInt();
    }

    private ulong ReadLongerVarUInt()
    {
        int position = _position;
        // Longer ones are decoded straight from the buffer when all ten bytes a varint may take are there.
        if (_checkedEnd - position >= 10)
        {
            ulong result = 0;
            for (int shift = 0; shift < 63; shift += 7)
            {
                byte next = _buffer[position++];
                result |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    _position = position;
                    return result;
                }
            }
            // Nine bytes read and more to come: the tenth is the careful loop's business.
        }
        long at = Offset;
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            // The tenth byte may only carry the single top bit of a 64-bit number.
            if (shift == 63 && b > 1) throw Error("varint is longer than 64 bits", at);
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Error("varint is longer than 64 bits", at);
    }

    /// <summary>Zig-zag decoding: 0, -1, 1, -2, 2 ... were written as 0, 1, 2, 3, 4 ...</summary>
    public long ReadVarInt()
    {
        ulong raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A length or count, checked against <paramref name="limit"/> before the caller allocates anything.</summary>
    public int ReadLength(int limit, string what)
    {
        long at = Offset;
        ulong length = ReadVarUInt();
        if (length > (ulong)limit) throw Error($"{what} {length} is over the limit of {limit}", at);
        return (int)length;
    }

    private void UpdateCheckedEnd() =>
        _checkedEnd = (int)Math.Clamp(_messageStart + Limits.MaxBytes - _bufferStart, 0, _end);

    private void CheckSize(int count)
    {
        if (Offset + count > Limits.MaxBytes)
            throw Error($"the stream is longer than the limit of {Limits.MaxBytes} bytes");
    }

    private bool Fill(int count, bool cleanEndAllowed)
    {
        if (_stream is null) throw Error("the stream ends too early (truncated)", _end - _messageStart);
        if (Offset + count > Limits.MaxBytes)
            throw Error($"the stream is longer than the limit of {Limits.MaxBytes} bytes");

        // Keep the unread bytes, move them to the front, and grow only as far as this read needs
        // (count is at most a checked limit, so the buffer's size is bounded too).
        int unread = _end - _position;
        if (count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
        Buffer.BlockCopy(_buffer, _position, _buffer, 0, unread);
        _bufferStart += _position;
        _position = 0;
        _end = unread;
        UpdateCheckedEnd();
        while (_end < count)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                if (cleanEndAllowed && _end == 0) return false;
                throw Error("the stream ends too early (truncated)", _bufferStart + _end - _messageStart);
            }
            _end += read;
        }
        UpdateCheckedEnd();
        return true;
    }
}
