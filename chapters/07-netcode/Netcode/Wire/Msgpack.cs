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
/// keys. So we drive <see cref="MessagePackWriter"/> and <see cref="MessagePackReader"/> by hand.
/// Reading refuses extension types and nesting deeper than <see cref="MaxDepth"/>: a datagram is untrusted.
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

    /// <exception cref="FormatException">Not exactly one well-formed msgpack value of the supported kinds.</exception>
    public static object? Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var reader = new MessagePackReader(bytes);
            object? value = Read(ref reader, 0);
            if (!reader.End) throw new FormatException("trailing bytes after the msgpack value.");
            return value;
        }
        catch (MessagePackSerializationException e) { throw new FormatException(e.Message, e); }
        catch (EndOfStreamException e) { throw new FormatException("truncated msgpack value.", e); }
    }

    private static object? Read(ref MessagePackReader reader, int depth)
    {
        if (depth > MaxDepth) throw new FormatException("msgpack value nested too deeply.");
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil: reader.ReadNil(); return null;
            case MessagePackType.Boolean: return reader.ReadBoolean();
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() is var u && u > long.MaxValue ? u : (long)u : reader.ReadInt64();
            case MessagePackType.Float: return reader.ReadDouble(); // float32 and float64 alike
            case MessagePackType.String: return reader.ReadString();
            case MessagePackType.Binary:
                byte[] bin = reader.ReadBytes()!.Value.ToArray();
                return bin.AsSpan().SequenceEqual(ToDelete.Bytes) ? ToDelete.Instance : bin;
            case MessagePackType.Array:
            {
                int count = reader.ReadArrayHeader();
                var list = new List<object?>(Math.Min(count, 1024));
                for (int i = 0; i < count; i++) list.Add(Read(ref reader, depth + 1));
                return list;
            }
            case MessagePackType.Map:
            {
                int count = reader.ReadMapHeader();
                var map = new StateMap();
                for (int i = 0; i < count; i++)
                {
                    object key = Read(ref reader, depth + 1) ?? throw new FormatException("a map key is nil.");
                    if (key is not (string or long or ulong or bool or double))
                        throw new FormatException("a map key must be a string, number or boolean.");
                    map[key] = Read(ref reader, depth + 1);
                }
                return map;
            }
            default: throw new FormatException($"unsupported msgpack type {reader.NextMessagePackType}.");
        }
    }
}
