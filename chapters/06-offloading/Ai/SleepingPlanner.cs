namespace Offloading.Ai;

/// <summary>
/// A stand-in planner for TESTS: it takes a known, fixed time (it sleeps) and then keeps every snake on
/// its heading. With it a test can say "planning takes five ticks" without depending on how fast this
/// machine searches a grid. The real planner is <see cref="PathPlanner"/>.
/// </summary>
public sealed class SleepingPlanner(TimeSpan delay) : IPlanner
{
    public Plan Plan(Board board)
    {
        Thread.Sleep(delay);
        var plan = new Plan { Tick = board.Tick };
        foreach (SnakeState snake in board.Snakes)
            if (board.Planned.Contains(snake.Id)) plan.Moves[snake.Id] = snake.Heading;
        return plan;
    }
}
