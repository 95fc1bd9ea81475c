using Pickling;
using Snake.Game;

namespace Offloading.Ai;

/// <summary>
/// What the planner needs to know about one tick of the game, copied out of it. The planner never sees
/// the live <see cref="SnakeGame"/>: a copy can be handed to another thread or pickled to another process
/// while the game moves on. Cells are packed as <c>y * Width + x</c>, so a body is a plain list of ints.
/// These classes are the worker protocol's messages (chapter 03's serializer wants settable properties).
/// </summary>
public sealed class Board
{
    public long Tick { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public List<int> Food { get; set; } = [];
    public List<SnakeState> Snakes { get; set; } = [];
    /// <summary>The snakes the planner steers (the others are obstacles).</summary>
    public List<int> Planned { get; set; } = [];

    public static Board From(SnakeGame game, IEnumerable<int> planned)
    {
        int width = game.Rules.Width;
        var board = new Board { Tick = game.Tick, Width = width, Height = game.Rules.Height, Planned = [.. planned] };
        foreach (Cell food in game.Food) board.Food.Add(food.Y * width + food.X);
        foreach (SnakeBody snake in game.Snakes)
        {
            if (!snake.Alive) continue;
            var state = new SnakeState { Id = snake.Id, Heading = (int)snake.Heading };
            foreach (Cell cell in snake.Cells) state.Cells.Add(cell.Y * width + cell.X);
            board.Snakes.Add(state);
        }
        return board;
    }
}

public sealed class SnakeState
{
    public int Id { get; set; }
    public int Heading { get; set; }
    /// <summary>Head first.</summary>
    public List<int> Cells { get; set; } = [];
}

/// <summary>The planner's answer for one board: a direction (as an int) for each planned snake.</summary>
public sealed class Plan
{
    /// <summary>The tick of the board this plan was made from: the game may be further on by now.</summary>
    public long Tick { get; set; }
    public Dictionary<int, int> Moves { get; set; } = [];
}

/// <summary>The allow-list for the worker pipe: nothing else can come out of it.</summary>
public static class WorkerTypes
{
    public static TypeRegistry Registry { get; } = new TypeRegistry()
        .Register<Board>("ai.Board")
        .Register<SnakeState>("ai.SnakeState")
        .Register<Plan>("ai.Plan");
}
