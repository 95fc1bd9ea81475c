using System.Buffers.Binary;
using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests.Hostile;

/// <summary>
/// Makes hostile datagrams by mutating valid ones, seeded so a failure can be replayed. Random bytes alone
/// almost never get past the protocol id and the length prefixes, so most cases are structure-aware: one
/// msgpack part (an event, or the state update) is mutated and the package is put back together with
/// correct lengths, which sends the damage deep into the msgpack reader. The rest mutate the whole datagram.
/// </summary>
internal sealed class PackageMutator(int seed)
{
    private static readonly byte[] Interesting =
        [0x00, 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xca, 0xcb,
         0xcc, 0xcf, 0xd0, 0xd3, 0xd4, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff];
    private static readonly uint[] BigLengths = [0, 1, 0x7f, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

    private readonly Random _random = new(seed);

    /// <summary>Valid parts: (events of a client package) and (update, events of a server package).</summary>
    public static readonly IReadOnlyList<byte[][]> ClientEvents = BuildClientEvents();
    public static readonly IReadOnlyList<(byte[] Update, byte[][] Events)> ServerParts = BuildServerParts();

    public byte[] ClientPackage()
    {
        byte[][] events = [.. ClientEvents[_random.Next(ClientEvents.Count)]];
        if (events.Length > 0 && _random.NextDouble() < 0.75)
        {
            int which = _random.Next(events.Length);
            events[which] = Mutate(events[which]);
            return Raw(Header(client: true), events, null);
        }
        return Mutate(Raw(Header(client: true), events, null));
    }

    public byte[] ServerPackage()
    {
        var (update, events) = ServerParts[_random.Next(ServerParts.Count)];
        events = [.. events];
        double roll = _random.NextDouble();
        if (roll < 0.45) return Raw(Header(client: false), events, Mutate(update));
        if (roll < 0.75 && events.Length > 0)
        {
            int which = _random.Next(events.Length);
            events[which] = Mutate(events[which]);
            return Raw(Header(client: false), events, update);
        }
        return Mutate(Raw(Header(client: false), events, update));
    }

    public byte[] Update() => Mutate(ServerParts[_random.Next(ServerParts.Count)].Update);

    private byte[] Header(bool client)
    {
        byte[] header = new byte[PackageHeader.Size + 2];
        new PackageHeader(new Sqn((ushort)_random.Next(1, 65536)), new Sqn((ushort)_random.Next(0, 65536)), (uint)_random.NextInt64(0, 1L << 32)).WriteTo(header);
        if (client) BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(12), (ushort)_random.Next(0, 65536));
        return header;
    }

    /// <summary>Header (with time order or update length), the update, then each event with its length prefix.</summary>
    private static byte[] Raw(byte[] header, byte[][] events, byte[]? update)
    {
        var bytes = new List<byte>(header);
        if (update is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[12..], (ushort)Math.Min(update.Length, ushort.MaxValue));
            bytes.AddRange(update);
        }
        foreach (byte[] e in events)
        {
            bytes.Add((byte)(e.Length >> 8));
            bytes.Add((byte)e.Length);
            bytes.AddRange(e);
        }
        return [.. bytes];
    }

    /// <summary>One to four mutations of one kind or another.</summary>
    private byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        for (int n = _random.Next(1, 5); n > 0; n--)
        {
            int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1 when bytes.Count > 0: bytes[at] = Interesting[_random.Next(Interesting.Length)]; break;
                case 2 when bytes.Count > 4:
                    // A length or count that lies, written where a length might be.
                    uint big = BigLengths[_random.Next(BigLengths.Length)];
                    int width = _random.Next(2) == 0 ? 2 : 4;
                    at = Math.Min(at, bytes.Count - width);
                    for (int i = 0; i < width; i++) bytes[at + i] = (byte)(big >> (8 * (width - 1 - i)));
                    break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;                               // cut short
                case 4: bytes.InsertRange(at, Enumerable.Range(0, _random.Next(1, 9)).Select(_ => (byte)_random.Next(256))); break;
                case 5 when bytes.Count > 0: bytes.RemoveRange(at, _random.Next(1, Math.Min(8, bytes.Count - at) + 1)); break;
                case 6 when bytes.Count > 0:                                                         // repeat a slice
                    int length = _random.Next(1, Math.Min(16, bytes.Count - at) + 1);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:                                                                            // a type byte in front
                    bytes.Insert(at, Interesting[_random.Next(Interesting.Length)]);
                    break;
            }
        }
        return [.. bytes];
    }

    private static List<byte[][]> BuildClientEvents()
    {
        NetEvent[] events =
        [
            new("JOIN", "ünïcödé player"),
            new("MOVE", 3L, 120.5, 99.25),
            new("LEAVE", 7L),
            new("SET_BAR", [], new Dictionary<string, object?> { ["new_bar"] = 3.5 }),
            new NetEvent("PING", -1L, long.MaxValue, ulong.MaxValue, 1.5f, true, false, null).WithId(42),
            new("BIN", new byte[300], ToDelete.Instance, new List<object?> { 1L, "two", new List<object?> { 3.0, new StateMap { ["four"] = 4L } } }),
            new("NESTED", new StateMap { [1L] = new StateMap { ["x"] = 1.0, [true] = "yes", [2.5] = null }, ["s"] = new string('s', 300) }),
        ];
        var sets = new List<byte[][]> { Array.Empty<byte[]>() };
        for (int i = 0; i < events.Length; i++) sets.Add([events[i].Encode()]);
        sets.Add([.. events.Take(5).Select(e => e.Encode())]);
        return sets;
    }

    private static List<(byte[], byte[][])> BuildServerParts()
    {
        var players = new StateMap();
        for (long id = 1; id <= 12; id++) players[id] = new StateMap { ["name"] = $"p{id}", ["position"] = new List<object?> { id * 1.5, id * 2.5 } };
        GameStateUpdate[] updates =
        [
            new(new Sqn(1)),
            GameStateUpdate.From(new Sqn(18), [new("foo", 0.17), new("bar", 2L)]),
            GameStateUpdate.From(new Sqn(300), [new("players", players), new("chaser_id", 3L), new("protection", 1.5)]),
            GameStateUpdate.From(new Sqn(65535), [new("players", new StateMap { [4L] = ToDelete.Instance }), new("blob", new byte[70_000 / 100])]),
        ];
        updates[1].GameStatus = GameStatus.Active;
        byte[][] events = [new NetEvent("PLAYER_CREATED", 5L).Encode(), new NetEvent("view", 1L, 0L, 3L, 7L, new byte[120], new List<object?> { 7L, "me", 255L }, new byte[18], new byte[8]).Encode()];
        return [.. updates.Select((u, i) => (u.Encode(), i % 2 == 0 ? events : Array.Empty<byte[]>()))];
    }
}
