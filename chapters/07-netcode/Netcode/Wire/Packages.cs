using System.Buffers.Binary;

namespace Netcode.Wire;

/// <summary>
/// The two package kinds. Client → server: header | time_order u16 | events.
/// Server → client: header | update length u16 | update (msgpack) | events.
/// Events: each is u16 length | msgpack event, back to back to the end. At most 2048 bytes in all.
/// </summary>
public static class Packages
{
    public const int MaxSize = 2048;
    public const int MaxEventsPerPackage = 5;

    public static byte[] EncodeClient(PackageHeader header, Sqn timeOrder, IReadOnlyList<byte[]> events)
    {
        int size = PackageHeader.Size + 2 + events.Sum(e => 2 + e.Length);
        var bytes = new byte[size];
        header.WriteTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), timeOrder.Value);
        WriteEvents(bytes.AsSpan(14), events);
        return Checked(bytes);
    }

    public static byte[] EncodeServer(PackageHeader header, byte[] update, IReadOnlyList<byte[]> events)
    {
        var bytes = new byte[PackageHeader.Size + 2 + update.Length + events.Sum(e => 2 + e.Length)];
        int at = WriteServerStart(bytes, header, update);
        foreach (byte[] e in events) at = WriteEvent(bytes, at, e);
        return Checked(bytes);
    }

    /// <summary>
    /// Writes a server package's header and update into <paramref name="destination"/> (a buffer the sender
    /// reuses for every package, so sending allocates nothing) and returns where the events go.
    /// </summary>
    public static int WriteServerStart(Span<byte> destination, PackageHeader header, ReadOnlySpan<byte> update)
    {
        header.WriteTo(destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], checked((ushort)update.Length));
        update.CopyTo(destination[14..]);
        return 14 + update.Length;
    }

    /// <summary>Appends one event (length prefix and bytes) at <paramref name="at"/>; returns the new end.</summary>
    public static int WriteEvent(Span<byte> destination, int at, ReadOnlySpan<byte> encodedEvent)
    {
        if (at + EventCost(encodedEvent.Length) > MaxSize)
            throw new InvalidOperationException($"package of {at + EventCost(encodedEvent.Length)} bytes is over the {MaxSize}-byte limit (a bug: callers budget).");
        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], (ushort)encodedEvent.Length);
        encodedEvent.CopyTo(destination[(at + 2)..]);
        return at + EventCost(encodedEvent.Length);
    }

    /// <summary>Bytes an event block entry takes: its length prefix plus the event.</summary>
    public static int EventCost(byte[] encodedEvent) => EventCost(encodedEvent.Length);

    public static int EventCost(int encodedLength) => 2 + encodedLength;

    public static (PackageHeader Header, Sqn TimeOrder, List<NetEvent> Events) DecodeClient(ReadOnlyMemory<byte> datagram)
    {
        PackageHeader header = ReadHeader(datagram.Span);
        if (datagram.Length < 14) throw new FormatException("client package too short for its time order.");
        var timeOrder = new Sqn(BinaryPrimitives.ReadUInt16BigEndian(datagram.Span[12..]));
        return (header, timeOrder, ReadEvents(datagram[14..]));
    }

    public static (PackageHeader Header, ReadOnlyMemory<byte> Update, List<NetEvent> Events) DecodeServer(ReadOnlyMemory<byte> datagram)
    {
        PackageHeader header = ReadHeader(datagram.Span);
        if (datagram.Length < 14) throw new FormatException("server package too short for its update length.");
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram.Span[12..]);
        if (14 + length > datagram.Length) throw new FormatException("update length runs past the end of the package.");
        return (header, datagram.Slice(14, length), ReadEvents(datagram[(14 + length)..]));
    }

    private static PackageHeader ReadHeader(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > MaxSize) throw new FormatException($"package of {datagram.Length} bytes is over the {MaxSize}-byte limit.");
        return PackageHeader.Read(datagram);
    }

    private static void WriteEvents(Span<byte> destination, IReadOnlyList<byte[]> events)
    {
        foreach (byte[] e in events)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, checked((ushort)e.Length));
            e.CopyTo(destination[2..]);
            destination = destination[(2 + e.Length)..];
        }
    }

    private static List<NetEvent> ReadEvents(ReadOnlyMemory<byte> block)
    {
        var events = new List<NetEvent>();
        while (block.Length > 0)
        {
            if (block.Length < 2) throw new FormatException("event block ends inside a length prefix.");
            int length = BinaryPrimitives.ReadUInt16BigEndian(block.Span);
            if (2 + length > block.Length) throw new FormatException("event length runs past the end of the package.");
            // PyGaSe puts at most five events in a package; a package claiming more is not from an honest peer.
            if (events.Count == MaxEventsPerPackage) throw new FormatException($"a package carries at most {MaxEventsPerPackage} events.");
            events.Add(NetEvent.Decode(block.Slice(2, length)));
            block = block[(2 + length)..];
        }
        return events;
    }

    private static byte[] Checked(byte[] package) => package.Length <= MaxSize
        ? package
        : throw new InvalidOperationException($"package of {package.Length} bytes is over the {MaxSize}-byte limit (a bug: callers budget).");
}
