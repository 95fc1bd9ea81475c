using Snake.Game;

namespace GameLoop.Tests;

/// <summary>
/// The collision rules of <see cref="SnakeGame.Step"/>, one situation each, on a small grid with no food
/// (so nothing grows unless a test says so). Snakes are placed by hand: the cells are listed head first.
/// </summary>
public sealed class CollisionTests
{
    private static readonly GameRules NoFood = new() { Width = 10, Height = 10, FoodCount = 0, RespawnTicks = 5 };

    private static SnakeBody Put(SnakeGame game, int id, Direction heading, params (int X, int Y)[] cells)
    {
        SnakeBody snake = game.Add(id, $"s{id}");
        snake.Place(cells.Select(c => new Cell(c.X, c.Y)), heading);
        return snake;
    }

    [Fact]
    public void A_head_off_the_grid_dies_and_comes_back_after_the_respawn_wait()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        SnakeBody snake = Put(game, 1, Direction.Right, (9, 5), (8, 5), (7, 5));

        IReadOnlyList<string> events = game.Step();

        Assert.False(snake.Alive);
        Assert.Equal(1, snake.Deaths);
        Assert.Contains("s1 hit the wall at (10,5) and dies", events);
        for (int i = 0; i < NoFood.RespawnTicks - 1; i++) game.Step();
        Assert.False(snake.Alive);
        game.Step();
        Assert.True(snake.Alive);
    }

    [Fact]
    public void Running_into_another_body_kills_the_mover_only()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        SnakeBody mover = Put(game, 1, Direction.Right, (3, 5), (2, 5), (1, 5));
        SnakeBody wall = Put(game, 2, Direction.Up, (4, 4), (4, 5), (4, 6));

        IReadOnlyList<string> events = game.Step();

        Assert.False(mover.Alive);
        Assert.True(wall.Alive);
        Assert.Contains("s1 crashed into s2 at (4,5) and dies", events);
    }

    [Fact]
    public void Two_heads_on_the_same_cell_both_die_whoever_is_first_in_the_list()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        SnakeBody left = Put(game, 1, Direction.Right, (3, 5), (2, 5), (1, 5));
        SnakeBody right = Put(game, 2, Direction.Left, (5, 5), (6, 5), (7, 5));

        IReadOnlyList<string> events = game.Step();

        Assert.False(left.Alive);
        Assert.False(right.Alive);
        Assert.Equal(2, events.Count(e => e.Contains("crashed head-on at (4,5)")));
    }

    [Fact]
    public void A_snake_may_chase_its_own_tail_because_the_tail_leaves_that_tick()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        // A 2x2 loop: the head at (3,3) heading left, the tail at (3,4) right below it.
        SnakeBody snake = Put(game, 1, Direction.Left, (3, 3), (4, 3), (4, 4), (3, 4));
        game.Steer(1, Direction.Down);

        game.Step();

        Assert.True(snake.Alive);
        Assert.Equal(new Cell(3, 4), snake.Head);
    }

    [Fact]
    public void Running_into_your_own_body_kills_you()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        // Five cells bent into a hook: turning down runs the head into its own third cell.
        SnakeBody snake = Put(game, 1, Direction.Left, (3, 3), (4, 3), (4, 4), (3, 4), (2, 4));
        game.Steer(1, Direction.Down);

        IReadOnlyList<string> events = game.Step();

        Assert.False(snake.Alive);
        Assert.Contains("s1 crashed into itself at (3,4) and dies", events);
    }

    [Fact]
    public void A_turn_straight_back_into_the_neck_is_ignored()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        SnakeBody snake = Put(game, 1, Direction.Right, (3, 5), (2, 5), (1, 5));
        game.Steer(1, Direction.Left);

        game.Step();

        Assert.True(snake.Alive);
        Assert.Equal(new Cell(4, 5), snake.Head);
        Assert.Equal(Direction.Right, snake.Heading);
    }

    [Fact]
    public void The_last_turn_before_a_tick_wins()
    {
        var game = new SnakeGame(NoFood, seed: 1);
        SnakeBody snake = Put(game, 1, Direction.Right, (3, 5), (2, 5), (1, 5));
        game.Steer(1, Direction.Up);
        game.Steer(1, Direction.Down);

        game.Step();

        Assert.Equal(new Cell(3, 6), snake.Head);
    }
}
