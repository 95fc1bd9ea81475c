using Agar.Game;

namespace Agar.Net;

/// <summary>
/// Server side, one per client: area of interest as deltas. It remembers what it sent in the last
/// <see cref="History"/> ticks, and builds each new view against the newest tick the client has
/// acknowledged (Quake 3's scheme): a lost view costs nothing, the next one is simply against an older
/// base. With no usable base it sends everything in view (base tick 0).
/// </summary>
public sealed class ViewFeed(int playerId)
{
    public const int History = 64;
    /// <summary>At most this many players per view, nearest first: a crowd cannot blow up a datagram.</summary>
    public const int MaxPlayers = 48;
    /// <summary>New pellets per view; more (after a big zoom-out) arrive over the next ticks.</summary>
    public const int MaxNewPellets = 64;

    private sealed record Sent(HashSet<int> Pellets, HashSet<int> Named);

    private readonly Dictionary<long, Sent> _sent = [];
    private long _acked;

    public int PlayerId { get; } = playerId;

    /// <summary>No area of interest: the whole world is "in view", uncapped (the bench's comparison; it would not fit a datagram).</summary>
    public bool SeesEverything { get; init; }

    /// <summary>The client says it has applied the view of <paramref name="tick"/>.</summary>
    public void Acknowledge(long tick)
    {
        if (tick > _acked && _sent.ContainsKey(tick)) _acked = tick;
    }

    public ViewMessage Next(World world, uint lastInput)
    {
        Player? you = world.Find(PlayerId);
        Vec2 centre = you?.Position ?? new Vec2(world.Settings.Width / 2, world.Settings.Height / 2);
        Vec2 half = SeesEverything
            ? new Vec2(world.Settings.Width, world.Settings.Height)
            : AreaOfInterest.HalfExtentsFor(you?.Mass ?? world.Settings.StartMass, world.Settings);
        Vec2 min = centre - half, max = centre + half;

        Sent? base_ = _sent.GetValueOrDefault(_acked);
        long baseTick = base_ is null ? 0 : _acked;
        HashSet<int> basePellets = base_?.Pellets ?? [], baseNamed = base_?.Named ?? [];

        List<Player> players = world.PlayersIn(min, max);
        if (players.Count > MaxPlayers && !SeesEverything)
            players = [.. players.OrderBy(p => Vec2.DistanceSquared(p.Position, centre)).Take(MaxPlayers)];
        // The sets are never changed once stored, so an unchanged set is shared, not copied: most ticks
        // nobody new comes into view and no pellet appears or goes.
        var names = new List<(int, string, Rgb)>();
        foreach (Player p in players)
            if (!baseNamed.Contains(p.Id)) names.Add((p.Id, p.Name, p.Color));
        HashSet<int> named = baseNamed;
        if (names.Count > 0)
        {
            named = new HashSet<int>(baseNamed);
            foreach (var (id, _, _) in names) named.Add(id);
        }

        List<Pellet> inView = world.PelletsIn(min, max);
        var known = new HashSet<int>(inView.Count);
        var added = new List<Pellet>();
        foreach (Pellet pellet in inView)
        {
            if (basePellets.Contains(pellet.Id)) known.Add(pellet.Id);
            else added.Add(pellet);
        }
        if (added.Count > MaxNewPellets && !SeesEverything)
            added = [.. added.OrderBy(p => Vec2.DistanceSquared(p.Position, centre)).Take(MaxNewPellets)];
        foreach (Pellet pellet in added) known.Add(pellet.Id);
        var removed = known.Count == basePellets.Count + added.Count ? [] : basePellets.Where(id => !known.Contains(id)).Order().ToList();
        if (added.Count == 0 && removed.Count == 0) known = basePellets;

        _sent[world.Tick] = new Sent(known, named);
        _sent.Remove(world.Tick - History);
        return new ViewMessage(world.Tick, baseTick, lastInput, you?.Id ?? 0,
            players.Select(p => (p.Id, p.Position, p.Mass)).ToList(), names, added, removed);
    }
}
