using Agar.Game;

namespace Agar.Net;

/// <summary>
/// Server side, one per client: area of interest as deltas, each view within a byte budget. It remembers
/// what it sent in the last <see cref="History"/> ticks, and builds each new view against the newest tick
/// the client is known to have (Quake 3's scheme): a lost view costs nothing, the next one is simply
/// against an older base. With no usable base it starts from nothing (base tick 0).
/// </summary>
/// <remarks>
/// 1. Players in view go first, nearest first, at most <see cref="MaxPlayers"/>: they move every tick.
/// 2. Names of players in view that this client has not been told about yet, while they fit in half of
///    what is left (the record of who was named keeps only players in view, so it stays small).
/// 3. Pellets new to the client (nearest first, at most <see cref="MaxNewPellets"/>), then pellets it holds
///    that are gone or out of view, each as far as the budget allows. What does not fit waits for a later
///    view: the record of what the client holds says exactly what it will hold, so nothing is lost.
/// So a view never outgrows its budget, however crowded the spot: the sizes are counted as it is built.
/// The sets of pellets and names are sorted arrays, shared between ticks while they do not change.
/// </remarks>
public sealed class ViewFeed(int playerId)
{
    /// <summary>Ticks of views remembered (a second): the base of a delta is an acknowledged view at most this old.</summary>
    public const int History = 32;
    /// <summary>At most this many players per view, nearest first.</summary>
    public const int MaxPlayers = 48;
    /// <summary>New pellets per view; more (after a big zoom-out) arrive over the next ticks.</summary>
    public const int MaxNewPellets = 64;

    private sealed record Sent(int[] Pellets, int[] Named);

    private readonly Dictionary<long, Sent> _sent = [];
    private long _acked, _ackedByNetwork;

    public int PlayerId { get; } = playerId;

    /// <summary>No area of interest: the whole world is "in view", uncapped (a comparison for the bench; it would not fit a datagram).</summary>
    public bool SeesEverything { get; init; }

    /// <summary>
    /// The client has the view of <paramref name="tick"/>: the library calls this when the package that
    /// carried it is acknowledged, on its receive loop. Thread-safe; the next <see cref="Next"/> uses it.
    /// </summary>
    public void Acknowledge(long tick)
    {
        for (long known = Interlocked.Read(ref _ackedByNetwork); tick > known; known = Interlocked.Read(ref _ackedByNetwork))
            if (Interlocked.CompareExchange(ref _ackedByNetwork, tick, known) == known) return;
    }

    /// <summary>This tick's view, at most <paramref name="budget"/> bytes once encoded (<see cref="ViewMessage.Encode"/>).</summary>
    public ViewMessage Next(World world, uint lastInput, int budget = int.MaxValue)
    {
        long acked = Interlocked.Read(ref _ackedByNetwork);
        if (acked > _acked && _sent.ContainsKey(acked)) _acked = acked;
        Player? you = world.Find(PlayerId);
        Vec2 centre = you?.Position ?? new Vec2(world.Settings.Width / 2, world.Settings.Height / 2);
        Vec2 half = SeesEverything
            ? new Vec2(world.Settings.Width, world.Settings.Height)
            : AreaOfInterest.HalfExtentsFor(you?.Mass ?? world.Settings.StartMass, world.Settings);
        Vec2 min = centre - half, max = centre + half;

        Sent? base_ = _sent.GetValueOrDefault(_acked);
        long baseTick = base_ is null ? 0 : _acked;
        int[] basePellets = base_?.Pellets ?? [], baseNamed = base_?.Named ?? [];
        int room = SeesEverything ? int.MaxValue : budget - ViewMessage.FixedSize;

        List<Player> players = s_players ??= [];
        world.PlayersIn(min, max, players);
        int playerCap = SeesEverything ? players.Count : Math.Min(MaxPlayers, Math.Max(0, room / ViewMessage.PlayerSize));
        if (players.Count > playerCap)
        {
            players.Sort((a, b) => Vec2.DistanceSquared(a.Position, centre).CompareTo(Vec2.DistanceSquared(b.Position, centre)));
            players.RemoveRange(playerCap, players.Count - playerCap);
            players.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
        room -= players.Count * ViewMessage.PlayerSize;

        // Names: only for players in this view, so the record stays as small as a view (a player who comes
        // back into view later is named again: a few bytes, now and then).
        var names = new List<(int, string, Rgb)>();
        List<int> namedNow = s_namedNow ??= [];
        namedNow.Clear();
        int nameRoom = room / 2;
        foreach (Player p in players)
        {
            if (Array.BinarySearch(baseNamed, p.Id) >= 0)
            {
                namedNow.Add(p.Id);
                continue;
            }
            int cost = ViewMessage.NameSize(p.Name);
            if (cost > nameRoom && !SeesEverything) continue; // named in a later view
            nameRoom -= cost;
            room -= cost;
            names.Add((p.Id, p.Name, p.Color));
            namedNow.Add(p.Id);
        }
        int[] named = SameAs(baseNamed, namedNow) ? baseNamed : [.. namedNow];

        // Which pellets in view the client already holds: a binary search in what it holds (sorted ids) for
        // each, and what is left over in it is stale (gone, or out of view). No sorting of the pellets in view.
        List<Pellet> inView = s_inView ??= [];
        world.PelletsIn(min, max, inView);
        var fresh = new List<Pellet>();
        bool[] held = basePellets.Length <= (s_held ??= new bool[256]).Length ? s_held : s_held = new bool[basePellets.Length * 2];
        Array.Clear(held, 0, basePellets.Length);
        foreach (Pellet pellet in inView)
        {
            int at = Array.BinarySearch(basePellets, pellet.Id);
            if (at >= 0) held[at] = true;
            else fresh.Add(pellet);
        }
        var stale = new List<int>();
        for (int b = 0; b < basePellets.Length; b++)
            if (!held[b]) stale.Add(basePellets[b]);

        int addCap = SeesEverything ? fresh.Count : Math.Min(MaxNewPellets, Math.Max(0, room * 2 / 3 / ViewMessage.PelletSize));
        if (fresh.Count > addCap) fresh = [.. fresh.OrderBy(p => Vec2.DistanceSquared(p.Position, centre)).ThenBy(p => p.Id).Take(addCap)];
        room -= fresh.Count * ViewMessage.PelletSize;
        int removeCap = SeesEverything ? stale.Count : Math.Max(0, room / ViewMessage.IdSize);
        if (stale.Count > removeCap) stale.RemoveRange(removeCap, stale.Count - removeCap);

        int[] known = fresh.Count == 0 && stale.Count == 0
            ? basePellets
            : Merge(basePellets, stale, fresh.Select(p => p.Id).Order().ToArray());
        fresh.Sort((x, y) => x.Id.CompareTo(y.Id));

        _sent[world.Tick] = new Sent(known, named);
        _sent.Remove(world.Tick - History);
        return new ViewMessage(world.Tick, baseTick, lastInput, you?.Id ?? 0,
            players.Select(p => (p.Id, p.Position, p.Mass)).ToList(), names, fresh, stale);
    }

    private static bool SameAs(int[] known, List<int> now)
    {
        if (known.Length != now.Count) return false;
        for (int i = 0; i < known.Length; i++) if (known[i] != now[i]) return false;
        return true;
    }

    // Scratch lists for one view at a time: the server builds a thousand views a tick, on one thread.
    [ThreadStatic] private static List<Player>? s_players;
    [ThreadStatic] private static List<Pellet>? s_inView;
    [ThreadStatic] private static List<int>? s_namedNow;
    [ThreadStatic] private static bool[]? s_held;

    /// <summary>What the client holds once it has applied the view of <paramref name="tick"/>, while remembered (tests compare).</summary>
    internal IReadOnlyList<int>? KnownAt(long tick) => _sent.GetValueOrDefault(tick)?.Pellets;

    /// <summary>(<paramref name="from"/> without <paramref name="remove"/>) with <paramref name="add"/>; all sorted, and so is the result.</summary>
    private static int[] Merge(int[] from, List<int> remove, int[] add)
    {
        var result = new List<int>(from.Length + add.Length);
        int r = 0, a = 0;
        foreach (int id in from)
        {
            while (r < remove.Count && remove[r] < id) r++;
            if (r < remove.Count && remove[r] == id) continue;
            while (a < add.Length && add[a] < id) result.Add(add[a++]);
            result.Add(id);
        }
        while (a < add.Length) result.Add(add[a++]);
        return [.. result];
    }
}
