using Agar.Game;
using Netcode.Wire;

namespace Agar.Net;

/// <summary>
/// The game's events on top of the chapter 07 library, and how their arguments are laid out.
///   client → server  join  [name]                          sent with retries: it must arrive
///                    input [sequence, dx, dy, ackTick]      one per client tick; a lost one is not resent
///                    leave []                               sent with retries
///   server → client  view  (see <see cref="ViewMessage"/>)  one per server tick, only to that client
/// The shared state of the library carries what everyone sees alike: "world" [width, height] and
/// "leaderboard" [[name, mass], ...]. Positions and masses travel as whole tenths (1234.5 → 12345):
/// a msgpack integer under 65536 takes 3 bytes, a double 9.
/// </summary>
public static class Messages
{
    public const string Join = "join", Input = "input", Leave = "leave", View = "view";

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
/// Arguments: [tick, baseTick, lastInput, youId, players, names, added, removed] where
///   players = [id, x, y, mass, ...]  names = [id, name, colour, ...]
///   added = [id, x, y, paletteIndex, ...]  removed = [id, ...]
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
    public NetEvent ToEvent()
    {
        var players = new List<object?>(Players.Count * 4);
        foreach (var (id, position, mass) in Players)
            players.AddRange([id, Messages.Tenths(position.X), Messages.Tenths(position.Y), Messages.Tenths(mass)]);
        var names = new List<object?>(Names.Count * 3);
        foreach (var (id, name, color) in Names) names.AddRange([id, name, (long)color.Value]);
        var added = new List<object?>(Added.Count * 4);
        foreach (Pellet p in Added)
            added.AddRange([p.Id, Messages.Tenths(p.Position.X), Messages.Tenths(p.Position.Y), Messages.PaletteIndex(p.Color)]);
        var removed = Removed.Select(id => (object?)(long)id).ToList();
        return new NetEvent(Messages.View, Tick, BaseTick, (long)LastInput, YouId, players, names, added, removed);
    }

    /// <exception cref="FormatException">The event does not have this shape.</exception>
    public static ViewMessage FromEvent(NetEvent e)
    {
        if (e.Args.Count != 8) throw new FormatException($"a view has 8 arguments, this one {e.Args.Count}");
        List<object?> players = Messages.List(e.Args[4]), names = Messages.List(e.Args[5]),
            added = Messages.List(e.Args[6]), removed = Messages.List(e.Args[7]);
        if (players.Count % 4 != 0 || names.Count % 3 != 0 || added.Count % 4 != 0) throw new FormatException("a view's lists are cut short");
        var p = new List<(int, Vec2, double)>(players.Count / 4);
        for (int i = 0; i < players.Count; i += 4)
            p.Add(((int)Messages.Integer(players[i]), new Vec2(Messages.FromTenths(Messages.Integer(players[i + 1])), Messages.FromTenths(Messages.Integer(players[i + 2]))),
                Messages.FromTenths(Messages.Integer(players[i + 3]))));
        var n = new List<(int, string, Rgb)>(names.Count / 3);
        for (int i = 0; i < names.Count; i += 3)
            n.Add(((int)Messages.Integer(names[i]), names[i + 1] as string ?? throw new FormatException("a name must be a string"), new Rgb((uint)Messages.Integer(names[i + 2]))));
        var a = new List<Pellet>(added.Count / 4);
        for (int i = 0; i < added.Count; i += 4)
            a.Add(new Pellet((int)Messages.Integer(added[i]), new Vec2(Messages.FromTenths(Messages.Integer(added[i + 1])), Messages.FromTenths(Messages.Integer(added[i + 2]))),
                Rgb.Palette[Math.Clamp((int)Messages.Integer(added[i + 3]), 0, Rgb.Palette.Length - 1)]));
        return new ViewMessage(Messages.Integer(e.Args[0]), Messages.Integer(e.Args[1]), (uint)Messages.Integer(e.Args[2]), (int)Messages.Integer(e.Args[3]),
            p, n, a, removed.Select(id => (int)Messages.Integer(id)).ToList());
    }
}
