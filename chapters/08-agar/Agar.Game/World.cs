namespace Agar.Game;

/// <summary>
/// The whole game, advanced one fixed step at a time. Nothing here knows about sockets, windows or
/// clocks: the caller says "a tick of dt seconds has passed" and the world does, in this order,
///   1. move every player towards its latest input, at the speed its mass allows, kept inside the world;
///   2. shrink the very big a little (decay), so nobody grows without limit;
///   3. let each player eat the pellets whose centre it covers;
///   4. let each player eat the players at most 90% of its mass whose centre it covers, heaviest first;
///   5. respawn the eaten, and top the pellets back up to their target count.
/// Everything random comes from one seeded generator, and every loop runs in id order, so a seed and a
/// list of inputs replay the same game tick for tick: the property tests and a server's replays rely on.
/// When a player joins a world that is already as crowded as <see cref="WorldSettings.AreaPerPlayer"/>
/// allows, the world grows (never shrinks): see <see cref="WorldSettings.GrownFor"/>.
/// </summary>
public sealed partial class World
{
    private readonly SeededRandom _random;
    private readonly SortedDictionary<int, Player> _players = [];
    private readonly Dictionary<int, Pellet> _pellets = [];
    private readonly SpatialGrid<Pellet> _pelletGrid;
    private readonly SpatialGrid<Player> _playerGrid;
    private readonly List<WorldEvent> _events = [];
    private readonly List<Pellet> _nearbyPellets = [];
    private readonly List<Player> _nearby = [];
    private readonly HashSet<int> _eatenThisTick = [];
    private int _nextPlayerId = 1;
    private int _nextPelletId = 1;
    private double _largestRadius;
    /// <summary>Players whose circle is wider than a grid cell: few, and looked at one by one (see <see cref="PlayersIn"/>).</summary>
    private readonly List<Player> _bigPlayers = [];

    public World(WorldSettings settings)
    {
        Settings = settings;
        _random = new SeededRandom(settings.Seed);
        // The grids cover the largest the world may grow to, so growing never moves anything between cells.
        double side = Math.Max(settings.MaxSide, Math.Max(settings.Width, settings.Height));
        // Pellets are small and many: coarser cells mean fewer cells per view for the same pellets.
        _pelletGrid = new SpatialGrid<Pellet>(side, side, settings.GridCell * 2);
        _playerGrid = new SpatialGrid<Player>(side, side, settings.GridCell);
        TopUpPellets();
    }

    /// <summary>The rules and the size now (<see cref="WorldSettings.Width"/> and Height grow with the crowd).</summary>
    public WorldSettings Settings { get; private set; }
    /// <summary>How many ticks have run.</summary>
    public long Tick { get; private set; }
    public IReadOnlyCollection<Player> Players => _players.Values;
    public IReadOnlyCollection<Pellet> Pellets => _pellets.Values;
    /// <summary>What happened during the last tick (and joins and leaves since).</summary>
    public IReadOnlyList<WorldEvent> Events => _events;

    public Player? Find(int id) => _players.GetValueOrDefault(id);

    public Player AddPlayer(string name, Rgb? color = null)
    {
        Settings = Settings.GrownFor(_players.Count + 1);
        var player = new Player(_nextPlayerId++, name, color ?? Rgb.Palette[_random.Next(Rgb.Palette.Length)],
            SpawnPoint(), Settings.StartMass);
        _players.Add(player.Id, player);
        _playerGrid.Insert(player, player.Position);
        _largestRadius = Math.Max(_largestRadius, player.Radius);
        if (player.Radius > Settings.GridCell) _bigPlayers.Add(player);
        _events.Add(new WorldEvent(Tick, WorldEventKind.Joined, player.Id, 0, player.Mass));
        return player;
    }

    public bool RemovePlayer(int id)
    {
        if (!_players.Remove(id, out Player? gone)) return false;
        _playerGrid.Remove(gone, gone.Position);
        _events.Add(new WorldEvent(Tick, WorldEventKind.Left, id, 0, 0));
        return true;
    }

    /// <summary>
    /// Records a player's input. Sequence numbers start at 1; an input not newer than the last one is ignored: over UDP
    /// inputs may arrive late or twice. Returns whether the input was taken.
    /// </summary>
    public bool SetInput(int playerId, PlayerInput input)
    {
        if (!_players.TryGetValue(playerId, out Player? player)) return false;
        if (input.Sequence <= player.Input.Sequence) return false;
        // The only thing a client controls is a direction; shorten it to length 1 here, once, so no
        // later step can be fooled by a huge vector.
        Vec2 direction = input.Direction.ClampedToUnit();
        player.Input = new PlayerInput(input.Sequence, direction.X, direction.Y);
        return true;
    }

    /// <summary>Advances the world by one fixed step of <paramref name="dt"/> seconds.</summary>
    public void Step(double dt)
    {
        if (!(dt > 0 && dt <= 1)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "a tick lasts more than 0 and at most 1 second");
        _events.Clear();
        Tick++;
        Move(dt);
        Decay(dt);
        EatPellets();
        EatPlayers();
        TopUpPellets();
        IndexPlayers();
    }

    /// <summary>
    /// Files every player in the grid where it now stands, so "who is near here?" (views, bots) is a
    /// grid lookup until the next step instead of a walk over every player.
    /// </summary>
    private void IndexPlayers()
    {
        _playerGrid.Clear();
        _bigPlayers.Clear();
        _largestRadius = 0;
        foreach (Player player in _players.Values)
        {
            _playerGrid.Insert(player, player.Position);
            _largestRadius = Math.Max(_largestRadius, player.Radius);
            if (player.Radius > Settings.GridCell) _bigPlayers.Add(player);
        }
    }

    private void Move(double dt)
    {
        foreach (Player player in _players.Values)
        {
            player.Position = Settings.Moved(player.Position, player.Input.Direction, player.Mass, dt);
        }
    }

    private void Decay(double dt)
    {
        foreach (Player player in _players.Values)
            if (player.Mass > Settings.DecayAbove)
                player.Mass -= (player.Mass - Settings.DecayAbove) * Settings.DecayPerSecond * dt;
    }

    private Vec2 RandomPoint() =>
        new(_random.NextDouble(0, Settings.Width), _random.NextDouble(0, Settings.Height));

    /// <summary>A random point, retried a few times to avoid landing inside someone who would eat you at once.</summary>
    private Vec2 SpawnPoint()
    {
        Vec2 point = RandomPoint();
        for (int attempt = 0; attempt < 8 && SomeoneNear(point); attempt++)
            point = RandomPoint();
        return point;
    }

    /// <summary>Whether a player's edge is within 50 units of <paramref name="point"/>: a grid lookup, not a walk over everyone.</summary>
    private bool SomeoneNear(Vec2 point)
    {
        _spawnCheck.Clear();
        _playerGrid.QueryCircle(point, _largestRadius + 50, _spawnCheck);
        foreach (Player p in _spawnCheck)
            if (_players.ContainsKey(p.Id) && Vec2.DistanceSquared(p.Position, point) < Sq(p.Radius + 50)) return true;
        return false;
    }

    private readonly List<Player> _spawnCheck = [];

    private static double Sq(double x) => x * x;
}
