using System.Buffers;
using System.Collections;
using MessagePack;

namespace Netcode.Wire;

/// <summary>
/// msgpack for a dynamic, Python-shaped value tree: null, bool, long/ulong, double (float32 or float64 on the
/// wire), string (msgpack str), byte[] (msgpack bin), arrays (<c>List&lt;object?&gt;</c>) and maps
/// (<see cref="StateMap"/>), plus <see cref="ToDelete"/> (the 4-byte bin marker).
/// </summary>
/// <remarks>
/// MessagePack-CSharp's typed serializers would pick the encoding for us; PyGaSe compatibility needs us to
/// pick it: str and bin stay apart (Python sees str vs bytes), doubles go out as float64 (what Debian's
/// u-msgpack and PyGaSe's fallback send), float32 is accepted on the way in, nested maps may have integer
/// keys. So we drive <see cref="MessagePackWriter"/> by hand. Reading is our own <see cref="MsgpackReader"/>:
/// a datagram is untrusted, and a reader for untrusted bytes must check every claimed length before it
/// allocates, refuse extension types and nesting deeper than <see cref="MaxDepth"/>, and fail in exactly one way.
/// </remarks>
public static class Msgpack
{
    public const int MaxDepth = 32;

    public static byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case bool b: writer.Write(b); break;
            case string s: writer.Write(s); break;
            case double d: writer.Write(d); break;
            case float f: writer.Write(f); break;
            case byte or ushort or uint or ulong: writer.Write(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case sbyte or short or int or long: writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ToDelete: writer.Write(ToDelete.Bytes); break;
            case byte[] bytes: writer.Write(bytes); break;
            case IDictionary map:
                writer.WriteMapHeader(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    Write(ref writer, entry.Key);
                    Write(ref writer, entry.Value);
                }
                break;
            case IList list:
                writer.WriteArrayHeader(list.Count);
                foreach (object? item in list) Write(ref writer, item);
                break;
            default: throw new ArgumentException($"cannot send a {value.GetType().Name} over msgpack.");
        }
    }

    /// <exception cref="FormatException">Not exactly one well-formed msgpack value of the supported kinds. Nothing else escapes.</exception>
    public static object? Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new MsgpackReader(bytes);
        object? value = reader.ReadValue(0);
        if (!reader.End) throw new FormatException("trailing bytes after the msgpack value.");
        return value;
    }
}
