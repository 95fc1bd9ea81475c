using Agar.Game;

namespace Agar.Net;

/// <summary>
/// Client side: the recent views, rebuilt from deltas. Pellets are kept per tick for the last
/// <see cref="ViewFeed.History"/> ticks because the server may send a delta against any tick we
/// acknowledged; players are kept for interpolation, which draws others between two past views.
/// </summary>
public sealed class Snapshots
{
    /// <summary>Others are drawn this many ticks (100 ms) in the past: enough for the next view to have arrived.</summary>
    public const double InterpolationTicks = 3;

    /// <summary>Each remembered view's pellets, sorted by id: one array a view, shared by whoever reads it.</summary>
    private readonly Dictionary<long, Pellet[]> _pellets = [];
    // Scratch space reused by every rebuild: a client applies 30 views a second, a bot process thousands.
    private readonly HashSet<int> _replaced = [];
    private readonly List<Pellet> _rebuilding = [];
    private readonly List<long> _forgotten = [];
    private readonly List<(long Tick, IReadOnlyList<(int Id, Vec2 Position, double Mass)> Players)> _players = [];
    private readonly Dictionary<int, (string Name, Rgb Color)> _names = [];
    private const int MaxNames = 4096;
    private long _latestArrival;

    public long LatestTick { get; private set; }
    public IReadOnlyList<Pellet> Pellets { get; private set; } = [];

    /// <summary>
    /// Applies a view; false when it is not newer than what we have (it is still remembered, as a base the
    /// server may build on) or its base is unknown.
    /// </summary>
    /// <remarks>
    /// The server learns which views arrived from the library's acknowledgements, so every view that
    /// arrived must be rebuilt and kept, even one that came after a newer one: the server may well send
    /// the next delta against it.
    /// </remarks>
    public bool Apply(ViewMessage view, long arrivedAt)
    {
        Pellet[]? basis = view.BaseTick == 0 ? [] : _pellets.GetValueOrDefault(view.BaseTick);
        if (basis is null || view.Tick <= LatestTick - ViewFeed.History) return false;
        if (!_pellets.ContainsKey(view.Tick)) _pellets[view.Tick] = Rebuild(basis, view);
        // Names are only ever added; a long game (or a hostile server) must not grow this without bound.
        if (_names.Count > MaxNames) _names.Clear();
        foreach (var (id, name, color) in view.Names) _names[id] = (name, color);
        if (view.Tick <= LatestTick) return false; // late or duplicated: we already have newer
        Pellet[] pellets = _pellets[view.Tick];
        _forgotten.Clear();
        foreach (long old in _pellets.Keys) if (old <= view.Tick - ViewFeed.History) _forgotten.Add(old);
        foreach (long old in _forgotten) _pellets.Remove(old);

        _players.Add((view.Tick, view.Players));
        if (_players.Count > 30) _players.RemoveAt(0);
        LatestTick = view.Tick;
        _latestArrival = arrivedAt;
        Pellets = pellets;
        return true;
    }

    /// <summary>The basis's pellets, without the removed ones, with the added ones (an added id replaces the old), sorted by id.</summary>
    private Pellet[] Rebuild(Pellet[] basis, ViewMessage view)
    {
        _replaced.Clear();
        foreach (int id in view.Removed) _replaced.Add(id);
        foreach (Pellet pellet in view.Added) _replaced.Add(pellet.Id);
        _rebuilding.Clear();
        foreach (Pellet pellet in basis)
            if (!_replaced.Contains(pellet.Id)) _rebuilding.Add(pellet);
        _rebuilding.AddRange(view.Added);
        Pellet[] rebuilt = [.. _rebuilding];
        Array.Sort(rebuilt, static (a, b) => a.Id.CompareTo(b.Id));
        return rebuilt;
    }

    public (string Name, Rgb Color) NameOf(int id) => _names.GetValueOrDefault(id, ("?", new Rgb(0x888888)));

    /// <summary>The server's tick now, guessed from the newest view and the time since it arrived.</summary>
    public double EstimatedServerTick(long now, long frequency, double tickRate) =>
        LatestTick + Math.Min(2, (double)(now - _latestArrival) / frequency * tickRate);

    /// <summary>The pellets as rebuilt for view <paramref name="tick"/>, if it is still remembered (the property tests compare it with the server's record).</summary>
    public IReadOnlyCollection<int>? PelletIdsAt(long tick) => _pellets.GetValueOrDefault(tick)?.Select(p => p.Id).ToArray();

    /// <summary>Every player at (fractional) <paramref name="tick"/>, between the two views around it.</summary>
    public IReadOnlyList<(int Id, Vec2 Position, double Mass)> PlayersAt(double tick)
    {
        if (_players.Count == 0) return [];
        if (tick <= _players[0].Tick) return _players[0].Players;
        for (int i = _players.Count - 1; i > 0; i--)
        {
            var (fromTick, from) = _players[i - 1];
            var (toTick, to) = _players[i];
            if (tick < fromTick || tick > toTick) continue;
            double t = (tick - fromTick) / (toTick - fromTick);
            var before = from.ToDictionary(p => p.Id);
            // A player new in the later view (or respawned far away) is not blended: it appears.
            return to.Select(p => before.TryGetValue(p.Id, out var b) && Vec2.DistanceSquared(b.Position, p.Position) < 100 * 100
                ? (p.Id, b.Position + (p.Position - b.Position) * t, b.Mass + (p.Mass - b.Mass) * t)
                : p).ToList();
        }
        return _players[^1].Players;
    }
}
