using System.Buffers.Binary;
using System.Text;

namespace Netcode.Wire;

/// <summary>
/// Reads one msgpack value tree from bytes that came off the network, and can only fail one way: a
/// <see cref="FormatException"/>. Every length a datagram claims (a string's, a binary's, an array's or a
/// map's count) is checked against the bytes that are actually left <em>before</em> anything is allocated
/// or sliced, so "a string of 4 GiB" in a 23-byte datagram is a refusal, not an exception from deep inside a
/// library that the receive loop never expected.
/// </summary>
/// <remarks>
/// 1. Each value starts with one type byte; some types carry their length or value in it (fixint, fixstr,
///    fixarray, fixmap), the rest are followed by a big-endian length or value of 1, 2, 4 or 8 bytes.
/// 2. A length is an unsigned claim. A string or binary of n bytes needs n bytes left; an array of n items
///    needs at least n bytes left (every item takes one byte at least), a map of n entries 2n bytes.
/// 3. Extension types and the never-used byte 0xc1 are refused: nothing in this protocol sends them.
/// </remarks>
public ref struct MsgpackReader(ReadOnlySpan<byte> bytes)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public readonly bool End => _at == _bytes.Length;

    public readonly int Remaining => _bytes.Length - _at;

    /// <summary>The next value, as <see cref="Msgpack"/> describes its types.</summary>
    public object? ReadValue(int depth)
    {
        if (depth > Msgpack.MaxDepth) throw new FormatException("msgpack value nested too deeply.");
        byte code = Byte();
        switch (code)
        {
            case <= 0x7f: return (long)code;                                  // positive fixint
            case >= 0xe0: return (long)(sbyte)code;                           // negative fixint
            case >= 0xa0 and <= 0xbf: return Text(code & 0x1f);               // fixstr
            case >= 0x90 and <= 0x9f: return Array(code & 0x0f, depth);       // fixarray
            case >= 0x80 and <= 0x8f: return Map(code & 0x0f, depth);         // fixmap
            case 0xc0: return null;
            case 0xc2: return false;
            case 0xc3: return true;
            case 0xc4: return Binary(Length(1));
            case 0xc5: return Binary(Length(2));
            case 0xc6: return Binary(Length(4));
            case 0xca: return (double)BinaryPrimitives.ReadSingleBigEndian(Take(4));
            case 0xcb: return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case 0xcc: return (long)Take(1)[0];
            case 0xcd: return (long)BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            case 0xce: return (long)BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            case 0xcf:
                ulong u = BinaryPrimitives.ReadUInt64BigEndian(Take(8));
                return u > long.MaxValue ? u : (long)u;
            case 0xd0: return (long)(sbyte)Take(1)[0];
            case 0xd1: return (long)BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case 0xd2: return (long)BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case 0xd3: return BinaryPrimitives.ReadInt64BigEndian(Take(8));
            case 0xd9: return Text(Length(1));
            case 0xda: return Text(Length(2));
            case 0xdb: return Text(Length(4));
            case 0xdc: return Array(Length(2), depth);
            case 0xdd: return Array(Length(4), depth);
            case 0xde: return Map(Length(2), depth);
            case 0xdf: return Map(Length(4), depth);
            default: throw new FormatException($"msgpack type byte 0x{code:x2} (an extension type, or unused) is not accepted.");
        }
    }

    private byte Byte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count > Remaining) throw new FormatException($"truncated msgpack value: {count} bytes claimed, {Remaining} left.");
        ReadOnlySpan<byte> taken = _bytes.Slice(_at, (int)count);
        _at += (int)count;
        return taken;
    }

    /// <summary>A big-endian unsigned length of 1, 2 or 4 bytes, as a long so 0xffffffff stays positive.</summary>
    private long Length(int size)
    {
        ReadOnlySpan<byte> raw = Take(size);
        return size switch
        {
            1 => raw[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(raw),
            _ => BinaryPrimitives.ReadUInt32BigEndian(raw),
        };
    }

    private string Text(long length)
    {
        ReadOnlySpan<byte> utf8 = Take(length);
        try { return StrictUtf8.GetString(utf8); }
        catch (DecoderFallbackException) { throw new FormatException("a msgpack string is not valid UTF-8."); }
    }

    private object Binary(long length)
    {
        ReadOnlySpan<byte> bin = Take(length);
        return bin.SequenceEqual(ToDelete.Bytes) ? ToDelete.Instance : bin.ToArray();
    }

    private List<object?> Array(long count, int depth)
    {
        if (count > Remaining) throw new FormatException($"a msgpack array claims {count} items with {Remaining} bytes left.");
        var list = new List<object?>((int)count);
        for (long i = 0; i < count; i++) list.Add(ReadValue(depth + 1));
        return list;
    }

    private StateMap Map(long count, int depth)
    {
        if (count * 2 > Remaining) throw new FormatException($"a msgpack map claims {count} entries with {Remaining} bytes left.");
        var map = new StateMap();
        for (long i = 0; i < count; i++)
        {
            object key = ReadValue(depth + 1) ?? throw new FormatException("a map key is nil.");
            if (key is not (string or long or ulong or bool or double))
                throw new FormatException("a map key must be a string, number or boolean.");
            map[key] = ReadValue(depth + 1);
        }
        return map;
    }
}
