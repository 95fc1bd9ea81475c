namespace Pickling;

/// <summary>
/// The one-byte instructions of the format. Most are printable ASCII letters, as in Python's pickle, so a
/// hex dump is half readable. docs/protocol/serializer.md has the full table with the argument of each.
/// </summary>
public enum Opcode : byte
{
    /// <summary>First two bytes of every stream: this opcode, then the format version.</summary>
    Proto = 0x80,
    /// <summary>Last byte of every stream: the value is complete.</summary>
    Stop = (byte)'.',
    None = (byte)'N',
    True = (byte)'T',
    False = (byte)'F',
    /// <summary>A 64-bit integer as a zig-zag varint: small numbers, positive or negative, take one byte.</summary>
    Int = (byte)'I',
    /// <summary>A 64-bit IEEE 754 float, 8 bytes little-endian.</summary>
    Float = (byte)'D',
    /// <summary>Varint byte count, then that many bytes of UTF-8.</summary>
    String = (byte)'S',
    /// <summary>Varint byte count, then the raw bytes.</summary>
    Bytes = (byte)'B',
    /// <summary>Varint item count, then the items. Takes the next memo number.</summary>
    List = (byte)'L',
    /// <summary>Varint pair count, then key, value, key, value... Takes the next memo number.</summary>
    Dict = (byte)'M',
    /// <summary>Declares a record type: its registered name and its field names. Takes the next type number.</summary>
    Type = (byte)'Y',
    /// <summary>Varint type number, then one value per declared field. Takes the next memo number.</summary>
    Record = (byte)'R',
    /// <summary>Varint memo number: the object with that number, written earlier in this stream.</summary>
    Get = (byte)'G',
}
