using Snake.Game;

namespace Offloading.Ai;

/// <summary>
/// The computer snakes' brain, and the chapter's deliberately heavy work. For each planned snake:
/// 1. Each move it may make (not back into its neck, not off the grid, not onto a body) is a candidate.
/// 2. For each candidate, a breadth-first search floods the grid from the cell the move leads to, and
///    finds two things: how many cells are reachable from there ("room"), and how far the nearest food is.
/// 3. A move with room for the whole snake beats one into a pocket it cannot leave; among those, the
///    nearest food wins; ties keep the current heading.
/// Each flood visits up to the whole grid, so one plan costs about (planned snakes) x 3 x (cells): on a
/// 200 x 200 grid with a hundred snakes that is millions of cell visits, more than one tick's worth.
/// A real game would search less (A* towards one food, or reuse last tick's search); this one is heavy
/// on purpose, so offloading has something to offload.
/// </summary>
public sealed class PathPlanner : IPlanner
{
    private int[] _seen = [];     // _seen[cell] == _stamp: visited by the current flood (no clearing needed)
    private int[] _queue = [];
    private int[] _distance = [];
    private bool[] _blocked = [];
    private bool[] _food = [];
    private int _stamp;

    public Plan Plan(Board board)
    {
        int cells = board.Width * board.Height;
        if (_seen.Length != cells)
        {
            _seen = new int[cells];
            _queue = new int[cells];
            _distance = new int[cells];
            _blocked = new bool[cells];
            _food = new bool[cells];
        }
        Array.Clear(_blocked);
        Array.Clear(_food);
        foreach (SnakeState snake in board.Snakes)
            foreach (int cell in snake.Cells) _blocked[cell] = true;
        foreach (int cell in board.Food) _food[cell] = true;

        var plan = new Plan { Tick = board.Tick };
        var byId = board.Snakes.ToDictionary(s => s.Id);
        foreach (int id in board.Planned)
            if (byId.TryGetValue(id, out SnakeState? snake))
                plan.Moves[id] = (int)Choose(board, snake);
        return plan;
    }

    private Direction Choose(Board board, SnakeState snake)
    {
        var heading = (Direction)snake.Heading;
        int head = snake.Cells[0];
        var headCell = new Cell(head % board.Width, head / board.Width);
        Direction best = heading;
        (bool Roomy, int Food, int Turn) bestScore = (false, int.MaxValue, int.MaxValue);
        foreach (Direction direction in Directions.All)
        {
            if (direction == heading.Opposite()) continue;
            Cell next = headCell.Step(direction);
            if (next.X < 0 || next.Y < 0 || next.X >= board.Width || next.Y >= board.Height) continue;
            int start = next.Y * board.Width + next.X;
            if (_blocked[start]) continue;
            (int room, int food) = Flood(board, start);
            var score = (Roomy: room >= snake.Cells.Count, Food: food, Turn: direction == heading ? 0 : 1);
            if (Better(score, bestScore))
            {
                bestScore = score;
                best = direction;
            }
        }
        return best;
    }

    private static bool Better((bool Roomy, int Food, int Turn) a, (bool Roomy, int Food, int Turn) b) =>
        a.Roomy != b.Roomy ? a.Roomy : a.Food != b.Food ? a.Food < b.Food : a.Turn < b.Turn;

    /// <summary>Breadth-first flood from <paramref name="start"/>: cells reachable, and steps to the nearest food.</summary>
    /// <remarks>
    /// AggressiveOptimization: compiled fully optimised at once, instead of starting as quick unoptimised
    /// code that the runtime replaces later. Otherwise the first second of every run (and the bench's
    /// "how long is one plan" measurement) would time the slow version, up to three times slower.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private (int Room, int Food) Flood(Board board, int start)
    {
        int width = board.Width, height = board.Height;
        _stamp++;
        int head = 0, tail = 0, nearest = int.MaxValue;
        _queue[tail++] = start;
        _seen[start] = _stamp;
        _distance[start] = 0;
        while (head < tail)
        {
            int cell = _queue[head++];
            if (_food[cell] && _distance[cell] < nearest) nearest = _distance[cell];
            int x = cell % width, y = cell / width;
            // The four neighbours, inline: this loop is the hot path of the whole chapter.
            if (y > 0) Visit(cell - width, cell);
            if (y < height - 1) Visit(cell + width, cell);
            if (x > 0) Visit(cell - 1, cell);
            if (x < width - 1) Visit(cell + 1, cell);
        }
        return (tail, nearest);

        void Visit(int next, int from)
        {
            if (_blocked[next] || _seen[next] == _stamp) return;
            _seen[next] = _stamp;
            _distance[next] = _distance[from] + 1;
            _queue[tail++] = next;
        }
    }
}
