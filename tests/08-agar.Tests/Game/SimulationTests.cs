using System.Text;
using Agar.Game;

namespace Agar.Tests.Game;

public sealed class SimulationTests
{
    private static readonly WorldSettings Small = new() { Width = 400, Height = 300, PelletTarget = 25, Seed = 7, GridCell = 32 };

    /// <summary>
    /// Three players, scripted inputs, 45 ticks: a heavy player runs into a light one and eats it, everybody
    /// eats pellets on the way. The log is the rules written out: if a rule changes, this snapshot says how.
    /// </summary>
    [Fact]
    public void A_seeded_world_with_scripted_inputs_replays_tick_for_tick()
    {
        string log = RunScript(Small);
        Snapshot.Match(log);
        Assert.Equal(log, RunScript(Small));
        Assert.NotEqual(log, RunScript(Small with { Seed = 8 }));
    }

    private static string RunScript(WorldSettings settings)
    {
        var world = new World(settings);
        Player hunter = world.AddPlayer("hunter", new Rgb(0xE6194B));
        Player prey = world.AddPlayer("prey", new Rgb(0x3CB44B));
        Player wanderer = world.AddPlayer("wanderer", new Rgb(0x4363D8));
        // Put the hunter and its prey on one line, 60 units apart, so the chase is short and readable.
        hunter.Position = new Vec2(100, 150);
        hunter.Mass = 40;
        prey.Position = new Vec2(160, 150);
        wanderer.Position = new Vec2(300, 60);

        var log = new StringBuilder();
        log.AppendLine($"pellets at start: {world.Pellets.Count}");
        for (uint tick = 1; tick <= 45; tick++)
        {
            world.SetInput(hunter.Id, new PlayerInput(tick, 1, 0));
            world.SetInput(prey.Id, new PlayerInput(tick, 0.2, 0));          // too slow to escape
            world.SetInput(wanderer.Id, new PlayerInput(tick, -0.6, 0.8));
            world.Step(1 / 30.0);
            foreach (WorldEvent e in world.Events) log.AppendLine(e.ToString());
            if (tick % 5 == 0)
                foreach (Player p in world.Players)
                    log.AppendLine($"tick {world.Tick}: {p.Name,-8} at ({p.Position.X,7:F2}, {p.Position.Y,7:F2}) mass {p.Mass,6:F2}");
        }
        log.AppendLine($"pellets at end: {world.Pellets.Count}");
        foreach (LeaderboardEntry row in Leaderboard.Top(world.Players))
            log.AppendLine($"#{row.Rank} {row.Name} {row.Mass:F2}");
        return log.ToString();
    }

    [Fact]
    public void An_input_claiming_a_huge_speed_moves_no_faster()
    {
        var honest = new World(Small with { PelletTarget = 0 });
        var cheat = new World(Small with { PelletTarget = 0 });
        Player a = honest.AddPlayer("honest"), b = cheat.AddPlayer("cheat");
        Vec2 start = a.Position;
        Assert.Equal(start, b.Position);

        for (uint tick = 1; tick <= 10; tick++)
        {
            honest.SetInput(a.Id, new PlayerInput(tick, 1, 0));
            cheat.SetInput(b.Id, new PlayerInput(tick, 1e9, 0));
            honest.Step(1 / 30.0);
            cheat.Step(1 / 30.0);
        }

        Assert.Equal(a.Position, b.Position);
        double expected = Small.SpeedOf(Small.StartMass) * 10 / 30.0;
        Assert.Equal(Math.Min(start.X + expected, Small.Width), b.Position.X, 6);
    }

    [Fact]
    public void Not_a_number_and_stale_inputs_are_ignored()
    {
        var world = new World(Small with { PelletTarget = 0 });
        Player p = world.AddPlayer("p");
        Vec2 start = p.Position;

        Assert.True(world.SetInput(p.Id, new PlayerInput(1, double.NaN, double.PositiveInfinity)));
        world.Step(1 / 30.0);
        Assert.Equal(start, p.Position);

        Assert.True(world.SetInput(p.Id, new PlayerInput(5, 0, 1)));
        Assert.False(world.SetInput(p.Id, new PlayerInput(4, 1, 0)));   // arrived late: older than 5
        Assert.False(world.SetInput(p.Id, new PlayerInput(5, 1, 0)));   // arrived twice
        Assert.Equal(new Vec2(0, 1), p.Input.Direction);
    }

    [Theory]
    [InlineData(100, 90, true)]     // exactly 10% smaller: eaten
    [InlineData(100, 91, false)]    // 9% smaller: too big to swallow
    public void A_player_eats_another_at_least_ten_percent_smaller_whose_centre_it_covers(double eaterMass, double victimMass, bool eaten)
    {
        var world = new World(Small with { PelletTarget = 0, DecayPerSecond = 0 });
        Player eater = world.AddPlayer("eater"), victim = world.AddPlayer("victim");
        eater.Position = new Vec2(200, 150);
        eater.Mass = eaterMass;
        victim.Position = new Vec2(210, 150);
        victim.Mass = victimMass;

        world.Step(1 / 30.0);

        Assert.Equal(eaten, world.Events.Any(e => e.Kind == WorldEventKind.AtePlayer && e.PlayerId == eater.Id && e.OtherId == victim.Id));
        Assert.Equal(eaten ? eaterMass + victimMass : eaterMass, eater.Mass, 6);
        if (eaten) Assert.Equal(Small.StartMass, victim.Mass);
    }

    [Fact]
    public void Pellets_are_topped_back_up_to_the_target()
    {
        var world = new World(Small);
        Player p = world.AddPlayer("p");
        p.Mass = 400;   // big enough to cover many pellets at once
        world.Step(1 / 30.0);
        Assert.Contains(world.Events, e => e.Kind == WorldEventKind.AtePellet);
        Assert.Equal(Small.PelletTarget, world.Pellets.Count);
    }

    [Fact]
    public void The_grid_finds_exactly_what_checking_every_pellet_finds()
    {
        var world = new World(new WorldSettings { Width = 1000, Height = 800, PelletTarget = 500, Seed = 3 });
        var random = new SeededRandom(11);
        for (int i = 0; i < 50; i++)
        {
            var min = new Vec2(random.NextDouble(-100, 900), random.NextDouble(-100, 700));
            var max = min + new Vec2(random.NextDouble(0, 400), random.NextDouble(0, 400));
            var expected = world.Pellets.Where(p => p.Position.X >= min.X && p.Position.X <= max.X && p.Position.Y >= min.Y && p.Position.Y <= max.Y)
                .OrderBy(p => p.Id).ToList();
            Assert.Equal(expected, world.PelletsIn(min, max));
        }
    }

    [Fact]
    public void The_leaderboard_holds_the_ten_heaviest_in_order()
    {
        var world = new World(Small with { PelletTarget = 0 });
        for (int i = 0; i < 14; i++) world.AddPlayer($"p{i}").Mass = 10 + i % 7;
        var top = Leaderboard.Top(world.Players);
        Assert.Equal(10, top.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], top.Select(r => r.Rank));
        Assert.True(top.Zip(top.Skip(1)).All(pair => pair.First.Mass > pair.Second.Mass
            || pair.First.Mass == pair.Second.Mass && pair.First.PlayerId < pair.Second.PlayerId));
    }

    [Fact]
    public void Two_hundred_bots_play_a_few_seconds_without_leaving_the_world()
    {
        var game = new LocalGame(new WorldSettings { Seed = 5 }, bots: 200, humanName: null);
        for (int i = 0; i < 90; i++) game.Step();
        Assert.Equal(200, game.World.Players.Count);
        Assert.All(game.World.Players, p => Assert.InRange(p.Position.X, 0, game.World.Settings.Width));
        Assert.All(game.World.Players, p => Assert.InRange(p.Position.Y, 0, game.World.Settings.Height));
        Assert.True(game.World.Players.Sum(p => p.Mass) > 200 * game.World.Settings.StartMass, "bots should have eaten something");
    }
}
