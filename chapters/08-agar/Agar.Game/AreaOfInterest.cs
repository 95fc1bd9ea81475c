namespace Agar.Game;

/// <summary>
/// Area of interest: the part of the world one player can see. The view grows slowly with mass (with
/// the fourth root: 16 times heavier sees twice as far), so big players zoom out. Sending each client
/// only this rectangle, not the whole world, is what keeps the bytes per client flat as players join.
/// </summary>
public static class AreaOfInterest
{
    /// <summary>Half the visible height, in world units, for a player of mass 10.</summary>
    public const double BaseHalfHeight = 220;
    public const double AspectRatio = 16.0 / 9.0;

    public static Vec2 HalfExtentsFor(double mass, WorldSettings settings)
    {
        double halfHeight = BaseHalfHeight * Math.Sqrt(Math.Sqrt(Math.Max(mass, settings.StartMass) / settings.StartMass));
        return new Vec2(halfHeight * AspectRatio, halfHeight);
    }

    /// <summary>What player <paramref name="playerId"/> sees; for an unknown id, the view of the heaviest player.</summary>
    public static WorldView ViewFor(World world, int playerId, IReadOnlyList<LeaderboardEntry>? leaderboard = null)
    {
        leaderboard ??= Leaderboard.Top(world.Players);
        Player? you = world.Find(playerId);
        Player? followed = you ?? (leaderboard.Count > 0 ? world.Find(leaderboard[0].PlayerId) : null);
        Vec2 centre = followed?.Position ?? new Vec2(world.Settings.Width / 2, world.Settings.Height / 2);
        Vec2 half = HalfExtentsFor(followed?.Mass ?? world.Settings.StartMass, world.Settings);
        return ViewAround(world, centre, half, you?.Id ?? 0, leaderboard, you?.LastInputSequence ?? 0);
    }

    /// <summary>Everything whose circle touches the rectangle centred on <paramref name="centre"/>.</summary>
    public static WorldView ViewAround(World world, Vec2 centre, Vec2 half, int youId, IReadOnlyList<LeaderboardEntry> leaderboard, uint lastSequence)
    {
        Vec2 min = centre - half, max = centre + half;
        var pellets = world.PelletsIn(min - new Vec2(WorldSettings.PelletRadius, WorldSettings.PelletRadius),
            max + new Vec2(WorldSettings.PelletRadius, WorldSettings.PelletRadius));
        var players = world.PlayersIn(min, max).Select(p => new PlayerState(p.Id, p.Name, p.Color, p.Position, p.Mass)).ToList();
        return new WorldView(world.Tick, world.Settings.Width, world.Settings.Height, youId, centre, half,
            players, pellets, leaderboard, lastSequence);
    }
}

public sealed partial class World
{
    /// <summary>Players whose circle touches the rectangle, in id order, found through the player grid.</summary>
    public List<Player> PlayersIn(Vec2 min, Vec2 max)
    {
        var found = new List<Player>();
        PlayersIn(min, max, found);
        return found;
    }

    /// <summary>
    /// <see cref="PlayersIn(Vec2, Vec2)"/> into a list the caller reuses: a server asks this for every client,
    /// every tick, and a new list each time was most of what it allocated.
    /// </summary>
    public void PlayersIn(Vec2 min, Vec2 max, List<Player> found)
    {
        // A cell holds a player by its centre, and a player's edge reaches further. Most players are smaller
        // than a grid cell: widening the rectangle by one cell finds every one of them whose circle reaches in.
        // The few bigger ones are checked one by one, so one giant does not widen every view's search for
        // everybody (at 1,000 players it tripled the cells each view read).
        found.Clear();
        var reach = new Vec2(Settings.GridCell, Settings.GridCell);
        _queryPlayers.Clear();
        _playerGrid.Query(min - reach, max + reach, _queryPlayers);
        foreach (Player p in _queryPlayers)
            if (p.Radius <= Settings.GridCell && Overlaps(p, min, max)) found.Add(p);
        foreach (Player p in _bigPlayers)
            if (p.Radius > Settings.GridCell && Overlaps(p, min, max)) found.Add(p);
        found.Sort(ById);
    }

    private bool Overlaps(Player p, Vec2 min, Vec2 max) =>
        p.Position.X + p.Radius >= min.X && p.Position.X - p.Radius <= max.X
        && p.Position.Y + p.Radius >= min.Y && p.Position.Y - p.Radius <= max.Y
        && _players.ContainsKey(p.Id); // not a player removed since the grid was filed

    /// <summary>Pellets whose centre lies in the rectangle, in id order.</summary>
    public List<Pellet> PelletsIn(Vec2 min, Vec2 max)
    {
        var found = new List<Pellet>();
        PelletsIn(min, max, found);
        found.Sort(PelletById);
        return found;
    }

    /// <summary><see cref="PelletsIn(Vec2, Vec2)"/> into a list the caller reuses, in no particular order (sorting is the caller's choice).</summary>
    public void PelletsIn(Vec2 min, Vec2 max, List<Pellet> found)
    {
        found.Clear();
        _queryPellets.Clear();
        _pelletGrid.Query(min, max, _queryPellets);
        foreach (Pellet pellet in _queryPellets)
        {
            if (pellet.Position.X >= min.X && pellet.Position.X <= max.X && pellet.Position.Y >= min.Y && pellet.Position.Y <= max.Y)
                found.Add(pellet);
        }
    }

    // Scratch for the grid queries: the world is only ever used from one thread at a time (the tick's).
    private readonly List<Player> _queryPlayers = [];
    private readonly List<Pellet> _queryPellets = [];
    private static readonly Comparison<Pellet> PelletById = (a, b) => a.Id.CompareTo(b.Id);
    private static readonly Comparison<Player> ById = (a, b) => a.Id.CompareTo(b.Id);
}
