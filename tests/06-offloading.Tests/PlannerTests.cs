using System.Text;
using Offloading.Ai;
using Snake.Game;
using Snapshooter.Xunit;
using Xunit;

namespace Offloading.Tests;

/// <summary>The planner is pure: a seeded game gives the same plans every run, on any machine.</summary>
public sealed class PlannerTests
{
    [Fact]
    public void Plans_for_a_seeded_board_are_always_the_same()
    {
        var game = new SnakeGame(new GameRules { Width = 24, Height = 16, FoodCount = 4 }, seed: 6);
        int[] ids = [.. Enumerable.Range(AiSnakes.FirstId, 4)];
        foreach (int id in ids) game.Add(id, $"ai-{id - AiSnakes.FirstId + 1}");
        var planner = new PathPlanner();
        var text = new StringBuilder();
        for (int tick = 0; tick < 6; tick++)
        {
            Plan plan = planner.Plan(Board.From(game, ids));
            text.Append($"tick {plan.Tick}: food {string.Join(" ", game.Food)}\n");
            foreach (SnakeBody snake in game.Snakes.Where(s => s.Alive))
                text.Append($"  {snake.Name} head {snake.Head} heading {snake.Heading} -> {(Direction)plan.Moves[snake.Id]}\n");
            foreach ((int id, int direction) in plan.Moves) game.Steer(id, (Direction)direction);
            foreach (string line in game.Step()) text.Append($"  event: {line}\n");
        }
        Snapshot.Match(text.ToString());
    }

    [Fact]
    public void A_snake_boxed_in_on_one_side_turns_towards_the_room()
    {
        // A 10x10 grid; the snake at (5,5) heads right; a wall of another snake's body fills column 6
        // except row 9. Going up or down both lead round; going right is blocked. Food at (0,0): up wins.
        var board = new Board { Width = 10, Height = 10, Planned = [1], Food = [0] };
        board.Snakes.Add(new SnakeState { Id = 1, Heading = (int)Direction.Right, Cells = [5 * 10 + 5, 5 * 10 + 4, 5 * 10 + 3] });
        board.Snakes.Add(new SnakeState { Id = 2, Heading = (int)Direction.Up, Cells = [.. Enumerable.Range(0, 9).Select(y => y * 10 + 6)] });
        Plan plan = new PathPlanner().Plan(board);
        Assert.Equal((int)Direction.Up, plan.Moves[1]);
    }

    [Fact]
    public async Task Boards_and_plans_survive_the_worker_pipe()
    {
        var board = new Board { Tick = 7, Width = 10, Height = 8, Food = [3, 4], Planned = [1] };
        board.Snakes.Add(new SnakeState { Id = 1, Heading = 2, Cells = [11, 12, 13] });
        var pipe = new MemoryStream();
        await Offload.Frames.WriteAsync(pipe, board);
        await Offload.Frames.WriteAsync(pipe, new Plan { Tick = 7, Moves = { [1] = 3 } });
        pipe.Position = 0;
        Board back = (await Offload.Frames.ReadAsync<Board>(pipe))!;
        Plan plan = (await Offload.Frames.ReadAsync<Plan>(pipe))!;
        Assert.Equal([11, 12, 13], back.Snakes[0].Cells);
        Assert.Equal(3, plan.Moves[1]);
        Assert.Null(await Offload.Frames.ReadAsync<Plan>(pipe)); // clean end between frames
    }

    [Fact]
    public async Task A_frame_with_a_silly_length_is_refused_before_anything_is_allocated()
    {
        var pipe = new MemoryStream([0x7f, 0xff, 0xff, 0xff, 1, 2]);
        await Assert.ThrowsAsync<InvalidDataException>(() => Offload.Frames.ReadAsync<Plan>(pipe));
    }
}
