namespace Snake.Game;

/// <summary>
/// How a bot plays: head for the nearest food, never turn back, and never step onto a cell that is
/// certainly deadly (a wall or a body). Greedy and short-sighted on purpose: it is there to give the
/// server realistic traffic, not to win.
/// </summary>
public static class Steering
{
    public static Direction Choose(Cell head, Direction heading, IReadOnlySet<Cell> blocked,
        IReadOnlyList<Cell> food, int width, int height)
    {
        Cell? target = food.Count == 0 ? null : food.MinBy(f => f.DistanceTo(head));
        Direction best = heading;
        int bestScore = int.MaxValue;
        foreach (Direction direction in Directions.All)
        {
            if (direction == heading.Opposite()) continue;
            Cell next = head.Step(direction);
            bool deadly = next.X < 0 || next.Y < 0 || next.X >= width || next.Y >= height || blocked.Contains(next);
            // Deadly moves score worst; among safe moves, closest to the food wins; ties keep the heading.
            int score = (deadly ? 1_000_000 : 0) + (target is { } t ? next.DistanceTo(t) * 2 : 0) + (direction == heading ? 0 : 1);
            if (score < bestScore)
            {
                bestScore = score;
                best = direction;
            }
        }
        return best;
    }
}
