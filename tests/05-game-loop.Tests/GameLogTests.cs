using System.Text;
using Course.Cli;
using Microsoft.Extensions.Time.Testing;
using Snake.Game;
using Snake.Loop;

namespace GameLoop.Tests;

/// <summary>
/// The rules, tick by tick: a 2-snake game driven by the real TickLoop on a FakeTimeProvider, with a
/// seeded random, written as a log a person can check by reading (and the docs page shows).
/// </summary>
public sealed class GameLogTests
{
    [Fact]
    public async Task Fifty_ticks_of_a_two_snake_game()
    {
        var time = new FakeTimeProvider();
        var game = new SnakeGame(new GameRules { Width = 16, Height = 10, FoodCount = 2, RespawnTicks = 5 }, seed: 42);
        game.Add(1, "ann");
        game.Add(2, "bob");
        var log = new StringBuilder();
        log.AppendLine("ann steers towards food like a bot; bob never steers.").AppendLine();
        Draw(game, log);

        using var ticked = new SemaphoreSlim(0);
        var loop = new TickLoop(TimeSpan.FromMilliseconds(100), time, (_, _) =>
        {
            // ann plays like a bot; bob goes straight on and meets a wall.
            SnakeBody ann = game.Snakes.First(s => s.Id == 1);
            if (ann.Alive)
            {
                var blocked = game.Snakes.SelectMany(s => s.Cells).ToHashSet();
                game.Steer(1, Steering.Choose(ann.Head, ann.Heading, blocked, game.Food, game.Rules.Width, game.Rules.Height));
            }
            IReadOnlyList<string> events = game.Step();
            log.AppendLine(Line(game));
            foreach (string e in events) log.AppendLine($"         {e}");
            if (game.Tick % 25 == 0) Draw(game, log);
            ticked.Release();
            return ValueTask.CompletedTask;
        }, e => throw e, Log.Null);

        Assert.True(loop.Start());
        for (int i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.True(await ticked.WaitAsync(TimeSpan.FromSeconds(10)), $"tick {i + 1} did not happen");
        }
        await loop.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(50, game.Tick);
        Snapshot.Match(log.ToString());
    }

    [Fact]
    public void The_same_seed_plays_the_same_game()
    {
        static string Play(int seed)
        {
            var game = new SnakeGame(new GameRules(), seed);
            game.Add(1, "a");
            game.Add(2, "b");
            var text = new StringBuilder();
            for (int i = 0; i < 30; i++)
            {
                game.Step();
                text.AppendLine(Line(game));
            }
            return text.ToString();
        }
        Assert.Equal(Play(7), Play(7));
        Assert.NotEqual(Play(7), Play(8));
    }

    [Fact]
    public void A_snake_cannot_turn_back_into_its_own_neck()
    {
        var game = new SnakeGame(new GameRules(), seed: 1);
        SnakeBody snake = game.Add(1, "a");
        Direction heading = snake.Heading;
        Cell head = snake.Head;
        game.Steer(1, heading.Opposite());
        game.Step();
        Assert.True(snake.Alive);
        Assert.Equal(head.Step(heading), snake.Head);
    }

    private static string Line(SnakeGame game)
    {
        var parts = game.Snakes.Select(s => s.Alive
            ? $"{s.Name} {s.Head} {s.Heading.ToString().ToLowerInvariant(),-5} len {s.Cells.Count} score {s.Score}"
            : $"{s.Name} dead (back on tick {s.RespawnTick}) score {s.Score}");
        return $"tick {game.Tick,2}: {string.Join(" | ", parts)} | food {string.Join(" ", game.Food)}";
    }

    /// <summary>The grid as text: A/B heads, a/b bodies, * food.</summary>
    private static void Draw(SnakeGame game, StringBuilder log)
    {
        log.AppendLine($"--- tick {game.Tick} ---");
        for (int y = 0; y < game.Rules.Height; y++)
        {
            var row = new StringBuilder("|");
            for (int x = 0; x < game.Rules.Width; x++)
            {
                var cell = new Cell(x, y);
                SnakeBody? owner = game.Snakes.FirstOrDefault(s => s.Cells.Contains(cell));
                char mark = owner is null ? (game.Food.Contains(cell) ? '*' : '.')
                    : owner.Head == cell ? char.ToUpperInvariant(owner.Name[0]) : owner.Name[0];
                row.Append(mark);
            }
            log.AppendLine(row.Append('|').ToString());
        }
    }
}
