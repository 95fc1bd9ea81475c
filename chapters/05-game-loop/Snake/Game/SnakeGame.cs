namespace Snake.Game;

/// <summary>
/// The whole game of one room, and the only place its rules live. It knows nothing about sockets or
/// time: the room calls <see cref="Step"/> once per tick, so a test can play fifty ticks in a
/// millisecond and get the same game every time for the same seed.
/// </summary>
/// <remarks>
/// One tick, in order:
/// 1. Dead snakes whose wait is over come back at a random free place (and wait there this tick).
/// 2. Every live snake takes its queued turn (a turn straight back into its own neck is ignored) and
///    works out where its head goes next.
/// 3. Collisions are decided on the NEW positions, all at once, so no snake gets an advantage from being
///    first in the list: a head off the grid, on any body, or on another new head dies. A tail that
///    moves away this tick frees its cell, so you can chase your own tail.
/// 4. Survivors move; a head that lands on food grows the snake by one and scores a point.
/// 5. Eaten food is replaced at random free cells.
/// Not thread-safe: the room holds its lock around every call.
/// </remarks>
public sealed class SnakeGame(GameRules rules, int seed)
{
    private readonly Random _random = new(seed);
    private readonly SortedDictionary<int, SnakeBody> _snakes = new();
    private readonly List<Cell> _food = [];

    public GameRules Rules { get; } = rules;
    public long Tick { get; private set; }
    public IEnumerable<SnakeBody> Snakes => _snakes.Values;
    public IReadOnlyList<Cell> Food => _food;

    /// <summary>A new player: their snake appears at once (or on the next tick if the grid is full).</summary>
    public SnakeBody Add(int id, string name)
    {
        var snake = new SnakeBody(id, name);
        _snakes.Add(id, snake);
        if (!TrySpawn(snake)) snake.RespawnTick = Tick + 1;
        AddFood();
        return snake;
    }

    public void Remove(int id) => _snakes.Remove(id);

    /// <summary>Queues a turn for the next tick; the last one sent before the tick wins.</summary>
    public void Steer(int id, Direction direction)
    {
        if (_snakes.TryGetValue(id, out SnakeBody? snake)) snake.Turn = direction;
    }

    /// <summary>Plays one tick and returns what happened, in words, for logs and for the players.</summary>
    public IReadOnlyList<string> Step()
    {
        Tick++;
        var events = new List<string>();

        // 1. Respawns. A snake that appears stands still this tick, so players see where it came in.
        var appeared = new HashSet<SnakeBody>();
        foreach (SnakeBody snake in _snakes.Values)
            if (!snake.Alive && snake.RespawnTick <= Tick && TrySpawn(snake))
            {
                appeared.Add(snake);
                events.Add($"{snake.Name} appears at {snake.Head}");
            }

        // 2. Turns and the next head of every live snake.
        var moving = new List<(SnakeBody Snake, Cell Next)>();
        foreach (SnakeBody snake in _snakes.Values)
        {
            if (!snake.Alive || appeared.Contains(snake)) continue;
            if (snake.Turn is { } turn && turn != snake.Heading.Opposite()) snake.Heading = turn;
            snake.Turn = null;
            moving.Add((snake, snake.Head.Step(snake.Heading)));
        }

        // 3. Collisions, all decided before anything moves.
        var occupied = new HashSet<Cell>(appeared.SelectMany(s => s.Cells));
        foreach (var (snake, next) in moving)
        {
            bool grows = _food.Contains(next);
            int index = 0;
            foreach (Cell cell in snake.Cells)
            {
                bool tailLeaves = !grows && ++index == snake.Cells.Count;
                if (!tailLeaves) occupied.Add(cell);
            }
        }
        var heads = moving.GroupBy(m => m.Next).ToDictionary(g => g.Key, g => g.Count());
        var dying = new List<(SnakeBody Snake, string Why)>();
        foreach (var (snake, next) in moving)
        {
            string? why = !Inside(next) ? "hit the wall"
                : occupied.Contains(next) ? $"crashed into {Owner(next, snake)}"
                : heads[next] > 1 ? "crashed head-on"
                : null;
            if (why is not null) dying.Add((snake, why));
        }

        // 4. Move the survivors; eat.
        foreach (var (snake, next) in moving)
        {
            if (dying.Any(d => d.Snake == snake)) continue;
            bool eats = _food.Remove(next);
            snake.MoveTo(next, grow: eats);
            if (eats)
            {
                snake.Score++;
                events.Add($"{snake.Name} eats at {next} (score {snake.Score})");
            }
        }
        foreach (var (snake, why) in dying)
        {
            events.Add($"{snake.Name} {why} at {snake.Head.Step(snake.Heading)} and dies");
            snake.Die(Tick + Rules.RespawnTicks);
        }

        // 5. Food.
        AddFood();
        return events;
    }

    private bool Inside(Cell cell) => cell.X >= 0 && cell.Y >= 0 && cell.X < Rules.Width && cell.Y < Rules.Height;

    private string Owner(Cell cell, SnakeBody mover)
    {
        SnakeBody? owner = _snakes.Values.FirstOrDefault(s => s.Cells.Contains(cell));
        return owner is null || owner == mover ? "itself" : owner.Name;
    }

    private bool IsFree(Cell cell) =>
        Inside(cell) && !_food.Contains(cell) && !_snakes.Values.Any(s => s.Cells.Contains(cell));

    /// <summary>
    /// A random place with room for the whole body and a few free cells ahead, away from the walls, so
    /// nobody is born already dying. Gives up after a bounded number of tries: the caller retries next tick.
    /// </summary>
    private bool TrySpawn(SnakeBody snake)
    {
        const int Margin = 2, LookAhead = 3;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var head = new Cell(_random.Next(Margin, Rules.Width - Margin), _random.Next(Margin, Rules.Height - Margin));
            Direction heading = Directions.All[_random.Next(4)];
            var body = new List<Cell> { head };
            while (body.Count < Rules.StartLength) body.Add(body[^1].Step(heading.Opposite()));
            var ahead = new List<Cell> { head.Step(heading) };
            while (ahead.Count < LookAhead) ahead.Add(ahead[^1].Step(heading));
            if (body.Concat(ahead).All(IsFree))
            {
                snake.Place(body, heading);
                return true;
            }
        }
        return false;
    }

    private void AddFood()
    {
        for (int attempt = 0; _food.Count < Rules.FoodCount && attempt < 1000; attempt++)
        {
            var cell = new Cell(_random.Next(Rules.Width), _random.Next(Rules.Height));
            if (IsFree(cell)) _food.Add(cell);
        }
    }
}
