using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MessagePack;

namespace Netcode.Wire;

/// <summary>
/// Explains a datagram byte by byte: hex on the left, what it means on the right. Used by the <c>dis</c> verb,
/// by the snapshot tests of real packages, and so by the protocol page.
/// </summary>
public static class PackageDump
{
    public static string Client(ReadOnlyMemory<byte> datagram)
    {
        var text = new StringBuilder();
        Header(text, datagram.Span);
        Line(text, datagram.Span.Slice(12, 2), $"time_order {BinaryPrimitives.ReadUInt16BigEndian(datagram.Span[12..])} (the state version the client holds)");
        Events(text, datagram[14..]);
        return text.ToString();
    }

    public static string Server(ReadOnlyMemory<byte> datagram)
    {
        var text = new StringBuilder();
        Header(text, datagram.Span);
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram.Span[12..]);
        Line(text, datagram.Span.Slice(12, 2), $"update length {length}");
        Value(text, datagram.Slice(14, length), 1);
        Events(text, datagram[(14 + length)..]);
        return text.ToString();
    }

    /// <summary>Annotates one msgpack value.</summary>
    public static string Msgpack(ReadOnlyMemory<byte> bytes)
    {
        var text = new StringBuilder();
        Value(text, bytes, 0);
        return text.ToString();
    }

    private static void Header(StringBuilder text, ReadOnlySpan<byte> d)
    {
        Line(text, d[..4], "protocol id");
        Line(text, d.Slice(4, 2), $"sequence {BinaryPrimitives.ReadUInt16BigEndian(d[4..])}");
        Line(text, d.Slice(6, 2), $"ack {BinaryPrimitives.ReadUInt16BigEndian(d[6..])}");
        uint bits = BinaryPrimitives.ReadUInt32BigEndian(d[8..]);
        Line(text, d.Slice(8, 4), $"ack bits {Convert.ToString(bits, 2).PadLeft(32, '0')} (first: ack-1)");
    }

    private static void Events(StringBuilder text, ReadOnlyMemory<byte> block)
    {
        int n = 0;
        while (block.Length >= 2)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(block.Span);
            Line(text, block.Span[..2], $"event {++n}: length {length}");
            Value(text, block.Slice(2, length), 1);
            block = block[(2 + length)..];
        }
        if (n == 0) text.Append(CultureInfo.InvariantCulture, $"{"",-26}(no events)\n");
    }

    private static void Value(StringBuilder text, ReadOnlyMemory<byte> bytes, int indent)
    {
        var reader = new MessagePackReader(bytes);
        while (!reader.End) One(text, ref reader, bytes, indent);
    }

    private static void One(StringBuilder text, ref MessagePackReader reader, ReadOnlyMemory<byte> all, int indent)
    {
        int start = (int)reader.Consumed;
        string pad = new(' ', indent * 2);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
            {
                int count = reader.ReadMapHeader();
                Line(text, all.Span[start..(int)reader.Consumed], $"{pad}map, {count} {(count == 1 ? "entry" : "entries")}");
                for (int i = 0; i < count; i++)
                {
                    One(text, ref reader, all, indent + 1);
                    One(text, ref reader, all, indent + 2);
                }
                return;
            }
            case MessagePackType.Array:
            {
                int count = reader.ReadArrayHeader();
                Line(text, all.Span[start..(int)reader.Consumed], $"{pad}array, {count} {(count == 1 ? "item" : "items")}");
                for (int i = 0; i < count; i++) One(text, ref reader, all, indent + 1);
                return;
            }
        }
        byte code = reader.NextCode;
        string meaning = reader.NextMessagePackType switch
        {
            MessagePackType.Nil => Nil(ref reader),
            MessagePackType.Boolean => reader.ReadBoolean() ? "true" : "false",
            MessagePackType.Integer => $"int {(code == MessagePackCode.UInt64 ? reader.ReadUInt64().ToString(CultureInfo.InvariantCulture) : reader.ReadInt64().ToString(CultureInfo.InvariantCulture))}",
            MessagePackType.Float => $"{(code == MessagePackCode.Float32 ? "float32" : "float64")} {reader.ReadDouble().ToString("R", CultureInfo.InvariantCulture)}",
            MessagePackType.String => $"str \"{reader.ReadString()}\"",
            MessagePackType.Binary => Bin(ref reader),
            _ => throw new FormatException($"unexpected msgpack type {reader.NextMessagePackType}"),
        };
        Line(text, all.Span[start..(int)reader.Consumed], pad + meaning);
    }

    private static string Nil(ref MessagePackReader reader)
    {
        reader.ReadNil();
        return "nil";
    }

    private static string Bin(ref MessagePackReader reader)
    {
        byte[] bin = reader.ReadBytes()!.Value.ToArray();
        return bin.AsSpan().SequenceEqual(ToDelete.Bytes) ? "bin, 4 bytes: TO_DELETE marker" : $"bin, {bin.Length} bytes";
    }

    /// <summary>One line: up to 8 bytes of hex per row, the meaning on the first row.</summary>
    private static void Line(StringBuilder text, ReadOnlySpan<byte> bytes, string meaning)
    {
        for (int row = 0; row == 0 || row * 8 < bytes.Length; row++)
        {
            ReadOnlySpan<byte> part = bytes.Slice(row * 8, Math.Min(8, bytes.Length - row * 8));
            string hex = Convert.ToHexString(part).ToLowerInvariant();
            hex = string.Join(' ', Enumerable.Range(0, part.Length).Select(i => hex.Substring(i * 2, 2)));
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{hex,-24}  {(row == 0 ? meaning : "")}").TrimEnd()).Append('\n');
        }
    }
}
