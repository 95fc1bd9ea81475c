namespace Agar.Game;

/// <summary>
/// A uniform grid over the world: each cell lists the items whose point lies in it. "Who is near (x, y)?"
/// then reads a few cells instead of every item, which is what keeps 1,000 players cheap: checking every
/// pair costs n², checking neighbouring cells costs about n.
///   1. Insert puts an item in the cell of its point (points outside the world are clamped to the edge).
///   2. Query visits every cell the rectangle touches and yields what they hold; the caller still checks
///      the exact distance, because a cell is coarser than a circle.
/// The cells hold the items themselves (a pellet, a player), not ids to look up elsewhere: at 1,000
/// players a view's queries touch hundreds of cells, and each extra lookup is a trip to memory.
/// </summary>
public sealed class SpatialGrid<T>
{
    private readonly List<T>[] _cells;
    private readonly int _columns;
    private readonly int _rows;
    private readonly double _cellSize;

    public SpatialGrid(double width, double height, double cellSize)
    {
        _cellSize = cellSize;
        _columns = Math.Max(1, (int)Math.Ceiling(width / cellSize));
        _rows = Math.Max(1, (int)Math.Ceiling(height / cellSize));
        _cells = new List<T>[_columns * _rows];
        for (int i = 0; i < _cells.Length; i++) _cells[i] = [];
    }

    public void Insert(T item, Vec2 at) => _cells[CellOf(at)].Add(item);

    public bool Remove(T item, Vec2 at) => _cells[CellOf(at)].Remove(item);

    /// <summary>Removes the first item in the cell of <paramref name="at"/> that <paramref name="match"/> picks.</summary>
    public bool Remove(Vec2 at, Predicate<T> match)
    {
        List<T> cell = _cells[CellOf(at)];
        int index = cell.FindIndex(match);
        if (index < 0) return false;
        cell.RemoveAt(index);
        return true;
    }

    public void Clear()
    {
        foreach (List<T> cell in _cells) cell.Clear();
    }

    /// <summary>Adds to <paramref name="found"/> every item in a cell that the rectangle touches.</summary>
    public void Query(Vec2 min, Vec2 max, List<T> found)
    {
        int x0 = Column(min.X), x1 = Column(max.X), y0 = Row(min.Y), y1 = Row(max.Y);
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
                found.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_cells[y * _columns + x]));
    }

    /// <summary>Items in cells touching the square around a circle.</summary>
    public void QueryCircle(Vec2 centre, double radius, List<T> found) =>
        Query(new Vec2(centre.X - radius, centre.Y - radius), new Vec2(centre.X + radius, centre.Y + radius), found);

    private int CellOf(Vec2 at) => Row(at.Y) * _columns + Column(at.X);
    private int Column(double x) => Math.Clamp((int)Math.Floor(x / _cellSize), 0, _columns - 1);
    private int Row(double y) => Math.Clamp((int)Math.Floor(y / _cellSize), 0, _rows - 1);
}
