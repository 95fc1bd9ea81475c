namespace Snake.Game;

/// <summary>One square of the grid. (0,0) is the top-left corner; y grows downwards, as on a canvas.</summary>
public readonly record struct Cell(int X, int Y)
{
    public Cell Step(Direction direction) => direction switch
    {
        Direction.Up => this with { Y = Y - 1 },
        Direction.Down => this with { Y = Y + 1 },
        Direction.Left => this with { X = X - 1 },
        _ => this with { X = X + 1 },
    };

    public int DistanceTo(Cell other) => Math.Abs(X - other.X) + Math.Abs(Y - other.Y);

    public override string ToString() => $"({X},{Y})";
}
