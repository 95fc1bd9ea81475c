namespace Snake.Game;

/// <summary>One player's snake: the cells it covers (head first), where it is heading, and its score.</summary>
public sealed class SnakeBody(int id, string name)
{
    private readonly LinkedList<Cell> _cells = new();

    public int Id { get; } = id;
    public string Name { get; } = name;
    public IReadOnlyCollection<Cell> Cells => _cells;
    public Cell Head => _cells.First!.Value;
    public Cell Tail => _cells.Last!.Value;
    public bool Alive => _cells.Count > 0;
    public Direction Heading { get; internal set; }
    /// <summary>The last turn the player asked for; applied (if allowed) at the next tick.</summary>
    public Direction? Turn { get; internal set; }
    public int Score { get; internal set; }
    public int Deaths { get; internal set; }
    /// <summary>While dead: the tick on which the snake comes back.</summary>
    public long RespawnTick { get; internal set; }

    internal void Place(IEnumerable<Cell> cells, Direction heading)
    {
        _cells.Clear();
        foreach (Cell cell in cells) _cells.AddLast(cell);
        Heading = heading;
        Turn = null;
    }

    internal void MoveTo(Cell head, bool grow)
    {
        _cells.AddFirst(head);
        if (!grow) _cells.RemoveLast();
    }

    internal void Die(long respawnTick)
    {
        _cells.Clear();
        Deaths++;
        RespawnTick = respawnTick;
    }
}
