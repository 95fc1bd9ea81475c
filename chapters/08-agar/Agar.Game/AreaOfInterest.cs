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
        // A cell holds a player by its centre; a big player's edge reaches further, so widen the search.
        var reach = new Vec2(_largestRadius, _largestRadius);
        var candidates = new List<Player>();
        _playerGrid.Query(min - reach, max + reach, candidates);
        var found = new List<Player>(candidates.Count);
        foreach (Player p in candidates)
        {
            if (p.Position.X + p.Radius >= min.X && p.Position.X - p.Radius <= max.X
                && p.Position.Y + p.Radius >= min.Y && p.Position.Y - p.Radius <= max.Y
                && _players.ContainsKey(p.Id)) // a player removed since the grid was filed
                found.Add(p);
        }
        found.Sort(ById);
        return found;
    }

    /// <summary>Pellets whose centre lies in the rectangle, in id order.</summary>
    public List<Pellet> PelletsIn(Vec2 min, Vec2 max)
    {
        var candidates = new List<Pellet>();
        _pelletGrid.Query(min, max, candidates);
        var found = new List<Pellet>(candidates.Count);
        foreach (Pellet pellet in candidates)
        {
            if (pellet.Position.X >= min.X && pellet.Position.X <= max.X && pellet.Position.Y >= min.Y && pellet.Position.Y <= max.Y)
                found.Add(pellet);
        }
        found.Sort((a, b) => a.Id.CompareTo(b.Id));
        return found;
    }

    private static readonly Comparison<Player> ById = (a, b) => a.Id.CompareTo(b.Id);
}
