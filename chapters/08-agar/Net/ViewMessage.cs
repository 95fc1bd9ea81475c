using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using Agar.Game;
using Netcode.Wire;

namespace Agar.Net;

/// <summary>
/// The game's events on top of the chapter 07 library, and how their arguments are laid out.
///   client → server  join  [name]                          sent with retries: it must arrive
///                    input [sequence, dx, dy]               one per client tick; a lost one is not resent
///                    leave []                               sent with retries
///   server → client  view  (see <see cref="ViewMessage"/>)  one per server tick, only to that client
///                    refused [reason]                      a join the server cannot take (it is full)
/// The shared state of the library carries what everyone sees alike: "world" [width, height, tick rate]
/// and "leaderboard" [[id, name, mass], ...]. Positions and masses travel as whole tenths (1234.5 → 12345):
/// 16 bits instead of a double's 64. A view goes out through the library's per-client view slot: the
/// newest replaces one not yet sent, and the library's acknowledgement tells the server which views
/// arrived (the base for the next delta).
/// </summary>
public static class Messages
{
    public const string Join = "join", Input = "input", Leave = "leave", View = "view", Refused = "refused";

    public static long Tenths(double value) => (long)Math.Round(value * 10);
    public static double FromTenths(long tenths) => tenths / 10.0;

    /// <summary>A msgpack integer, whatever width it arrived in; anything else is a malformed message.</summary>
    public static long Integer(object? value) => value switch
    {
        long l => l,
        ulong u when u <= long.MaxValue => (long)u,
        _ => throw new FormatException($"expected an integer, got {value?.GetType().Name ?? "nil"}"),
    };

    /// <summary>A finite number (integer or float); NaN and infinity are refused.</summary>
    public static double Number(object? value) => value switch
    {
        double d when double.IsFinite(d) => d,
        long or ulong => Integer(value),
        _ => throw new FormatException($"expected a finite number, got {value ?? "nil"}"),
    };

    public static List<object?> List(object? value) =>
        value as List<object?> ?? throw new FormatException("expected an array");

    public static int PaletteIndex(Rgb color) => Math.Max(0, Array.IndexOf(Rgb.Palette, color));
}

/// <summary>
/// One tick of what one client may see, as a delta against a tick the client said it has (its
/// <see cref="BaseTick"/>; 0: against nothing, a full picture). Players in view are always sent whole,
/// because they move every tick; their names and colours only the first time. Pellets never move, so
/// only the ones that appeared or disappeared since the base tick are sent.
/// Arguments: [tick, baseTick, lastInput, youId, players, names, added, removed]. The three lists sent
/// every tick are packed as msgpack binary, fixed-size little-endian records, not as arrays of numbers:
/// an array is one boxed object per number to build, check and write, a byte array is one object.
///   players = bin of (int32 id, uint16 x, uint16 y, uint32 mass)    12 bytes each
///   added   = bin of (int32 id, uint16 x, uint16 y, uint8 palette)   9 bytes each
///   removed = bin of (int32 id)                                       4 bytes each
///   names   = [id, name, colour, ...]                                 rare: an ordinary array
/// Coordinates in tenths fit 16 bits, so a world may be at most 6553 units a side.
/// </summary>
public sealed record ViewMessage(
    long Tick,
    long BaseTick,
    uint LastInput,
    int YouId,
    IReadOnlyList<(int Id, Vec2 Position, double Mass)> Players,
    IReadOnlyList<(int Id, string Name, Rgb Color)> Names,
    IReadOnlyList<Pellet> Added,
    IReadOnlyList<int> Removed)
{
    public const int PlayerSize = 12, PelletSize = 9, IdSize = 4;

    /// <summary>
    /// The most an encoded view takes besides its records and names: the event map and its keys, the four
    /// integers at their widest, the headers of the three binaries and of the names array.
    /// </summary>
    public const int FixedSize = 1 + 5 + 5 + 13 + 1 + 9 + 9 + 5 + 5 + 3 * 3 + 3 + 15 + 1;

    /// <summary>The most one entry of the names list takes: id, the name with its header, the colour.</summary>
    public static int NameSize(string name) => 5 + 2 + System.Text.Encoding.UTF8.GetByteCount(name) + 5;

    public NetEvent ToEvent()
    {
        byte[] players = new byte[Players.Count * PlayerSize];
        for (int i = 0; i < Players.Count; i++) WritePlayer(players.AsSpan(i * PlayerSize), Players[i]);
        byte[] added = new byte[Added.Count * PelletSize];
        for (int i = 0; i < Added.Count; i++) WritePellet(added.AsSpan(i * PelletSize), Added[i]);
        byte[] removed = new byte[Removed.Count * IdSize];
        for (int i = 0; i < Removed.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(removed.AsSpan(i * IdSize), Removed[i]);
        var names = new List<object?>(Names.Count * 3);
        foreach (var (id, name, color) in Names) names.AddRange([id, name, (long)color.Value]);
        return new NetEvent(Messages.View, Tick, BaseTick, (long)LastInput, YouId, players, names, added, removed);
    }

    /// <summary>
    /// The event's bytes, exactly as <c>ToEvent().Encode()</c> writes them, but written straight from the
    /// records: no value tree of boxed numbers and lists to build and walk first. The server sends a view to
    /// every client 30 times a second, so this is its hottest path (a test checks the bytes are the same).
    /// </summary>
    public byte[] Encode()
    {
        ArrayBufferWriter<byte> buffer = s_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(3);
        w.Write("type");
        w.Write(Messages.View);
        w.Write("handler_args");
        w.WriteArrayHeader(8);
        w.Write(Tick);
        w.Write(BaseTick);
        w.Write((long)LastInput);
        w.Write((long)YouId);
        WriteRecords(ref w, Players.Count, PlayerSize, (span, i) => WritePlayer(span, Players[i]));
        w.WriteArrayHeader(Names.Count * 3);
        foreach (var (id, name, color) in Names)
        {
            w.Write((long)id);
            w.Write(name);
            w.Write((long)color.Value);
        }
        WriteRecords(ref w, Added.Count, PelletSize, (span, i) => WritePellet(span, Added[i]));
        WriteRecords(ref w, Removed.Count, IdSize, (span, i) => BinaryPrimitives.WriteInt32LittleEndian(span, Removed[i]));
        w.Write("handler_kwargs");
        w.WriteMapHeader(0);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? s_buffer;

    private delegate void RecordWriter(Span<byte> at, int index);

    private static void WriteRecords(ref MessagePackWriter w, int count, int size, RecordWriter write)
    {
        w.WriteBinHeader(count * size);
        Span<byte> span = w.GetSpan(count * size);
        for (int i = 0; i < count; i++) write(span[(i * size)..], i);
        w.Advance(count * size);
    }

    private static void WritePlayer(Span<byte> at, (int Id, Vec2 Position, double Mass) player)
    {
        BinaryPrimitives.WriteInt32LittleEndian(at, player.Id);
        BinaryPrimitives.WriteUInt16LittleEndian(at[4..], Coordinate(player.Position.X));
        BinaryPrimitives.WriteUInt16LittleEndian(at[6..], Coordinate(player.Position.Y));
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], (uint)Math.Clamp(Messages.Tenths(player.Mass), 0, uint.MaxValue));
    }

    private static void WritePellet(Span<byte> at, Pellet pellet)
    {
        BinaryPrimitives.WriteInt32LittleEndian(at, pellet.Id);
        BinaryPrimitives.WriteUInt16LittleEndian(at[4..], Coordinate(pellet.Position.X));
        BinaryPrimitives.WriteUInt16LittleEndian(at[6..], Coordinate(pellet.Position.Y));
        at[8] = (byte)Messages.PaletteIndex(pellet.Color);
    }

    private static ushort Coordinate(double value) => (ushort)Math.Clamp(Messages.Tenths(value), 0, ushort.MaxValue);

    private static double FromCoordinate(ReadOnlySpan<byte> at) => Messages.FromTenths(BinaryPrimitives.ReadUInt16LittleEndian(at));

    /// <exception cref="FormatException">The event does not have this shape.</exception>
    public static ViewMessage FromEvent(NetEvent e)
    {
        if (e.Args.Count != 8) throw new FormatException($"a view has 8 arguments, this one {e.Args.Count}");
        byte[] players = Records(e.Args[4], PlayerSize, "players"), added = Records(e.Args[6], PelletSize, "added"),
            removed = Records(e.Args[7], IdSize, "removed");
        List<object?> names = Messages.List(e.Args[5]);
        if (names.Count % 3 != 0) throw new FormatException("a view's names are cut short");

        var p = new List<(int, Vec2, double)>(players.Length / PlayerSize);
        for (int i = 0; i < players.Length; i += PlayerSize)
        {
            ReadOnlySpan<byte> at = players.AsSpan(i, PlayerSize);
            p.Add((BinaryPrimitives.ReadInt32LittleEndian(at), new Vec2(FromCoordinate(at[4..]), FromCoordinate(at[6..])),
                Messages.FromTenths(BinaryPrimitives.ReadUInt32LittleEndian(at[8..]))));
        }
        var n = new List<(int, string, Rgb)>(names.Count / 3);
        for (int i = 0; i < names.Count; i += 3)
            n.Add(((int)Messages.Integer(names[i]), names[i + 1] as string ?? throw new FormatException("a name must be a string"), new Rgb((uint)Messages.Integer(names[i + 2]))));
        var a = new List<Pellet>(added.Length / PelletSize);
        for (int i = 0; i < added.Length; i += PelletSize)
        {
            ReadOnlySpan<byte> at = added.AsSpan(i, PelletSize);
            a.Add(new Pellet(BinaryPrimitives.ReadInt32LittleEndian(at), new Vec2(FromCoordinate(at[4..]), FromCoordinate(at[6..])),
                Rgb.Palette[Math.Min(at[8], (byte)(Rgb.Palette.Length - 1))]));
        }
        var r = new List<int>(removed.Length / IdSize);
        for (int i = 0; i < removed.Length; i += IdSize) r.Add(BinaryPrimitives.ReadInt32LittleEndian(removed.AsSpan(i)));
        return new ViewMessage(Messages.Integer(e.Args[0]), Messages.Integer(e.Args[1]), (uint)Messages.Integer(e.Args[2]), (int)Messages.Integer(e.Args[3]),
            p, n, a, r);
    }

    private static byte[] Records(object? value, int size, string what) =>
        value is byte[] bytes && bytes.Length % size == 0 ? bytes
            : throw new FormatException($"a view's {what} must be binary in records of {size} bytes");
}
