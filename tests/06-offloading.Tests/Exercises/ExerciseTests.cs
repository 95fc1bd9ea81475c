using Course.Cli;
using Course.Testing;
using Offloading.Offload;
using Offloading.Scale;
using Offloading.Tests.Scale;
using Xunit;

namespace Offloading.Tests.Exercises;

/// <summary>
/// The chapter's exercises with a ready test. Delete the Skip when you do the exercise, then run
/// <c>dotnet test tests/06-offloading.Tests --filter Exercise</c>.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ExerciseTests
{
    [Fact(Skip = "Exercise 1 (give up on a worker that cannot start): delete this Skip when you start the exercise")]
    public async Task Exercise1_a_worker_that_cannot_start_is_given_up_after_five_tries()
    {
        var log = new Transcript();
        using var plans = new ProcessPlans(new WorkerLaunch("/nonexistent/worker", []), TimeSpan.FromSeconds(1), new Log(log, "planner"));
        // Boards keep coming, as from a ticking room: each would be a reason to try again.
        for (int tick = 0; tick < 30; tick++)
        {
            plans.Offer(new Ai.Board { Tick = tick, Width = 10, Height = 10 });
            await Task.Delay(100);
        }
        string[] lines = [.. log.Raw.Split('\n').Where(l => l.Contains("could not start") || l.Contains("giving up"))];
        int failed = lines.Count(l => l.Contains("could not start"));
        int givingUp = Array.FindIndex(lines, l => l.Contains("giving up after 5 failed starts"));
        Assert.True(givingUp >= 0, $"after 5 failed starts the planner should log 'giving up after 5 failed starts'; in 3 s it logged:\n{log.Raw}");
        Assert.True(failed == 5 && givingUp == 5 && lines.Length == 6,
            $"the planner should try exactly 5 times ('could not start' 5 times), then say 'giving up after 5 failed starts' once, then nothing more; it logged:\n{log.Raw}");
    }

    [Fact(Skip = "Exercise 3 (plans with a time stamp): delete this Skip when you start the exercise")]
    public async Task Exercise3_a_plan_from_the_worker_process_says_how_long_it_took()
    {
        // The worker's test planner sleeps 200 ms instead of searching: the plan took at least that long.
        using var plans = new ProcessPlans(WorkerLaunch.ThisProgram("--planner-delay-ms", "200"), TimeSpan.FromSeconds(10), Log.Null);
        plans.Offer(new Ai.Board { Tick = 1, Width = 10, Height = 10 });
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (plans.Latest is null && DateTime.UtcNow < limit) await Task.Delay(20);
        Assert.True(plans.Latest is not null, "the worker process sent no plan within 10 s");

        // Read by name, so that this test compiles before the exercise is done.
        var property = typeof(Ai.Plan).GetProperty("Milliseconds");
        Assert.True(property is not null && property.PropertyType == typeof(double) && property.CanWrite,
            "Plan should have a property `public double Milliseconds { get; set; }`: how long the planner took for it");
        double took = (double)property.GetValue(plans.Latest)!;
        Assert.True(took >= 190 && took < 10_000,
            $"the plan said it took {took:0.#} ms; the worker's planner slept 200 ms for it, so it should say at least 190 ms " +
            "(measured in the worker around the planner's call, and sent back through the pipe with the plan)");
    }

    [NeedsScaleOutFact(Skip = "Exercise 5: one room, one server. Delete this Skip when HAProxy sends the players of a room to the same server.")]
    public async Task Exercise5_players_of_one_room_land_on_one_server()
    {
        var setup = new ScaleSetup(2, 0, ScaleTools.Find(ScaleTools.HaProxy, null), ScaleTools.Find(ScaleTools.RedisServer, null));
        await using ScaleCluster cluster = await ScaleCluster.StartAsync(setup, Log.Null, CancellationToken.None);
        // Today leastconn sends the second player to the idle server: same room name, two different games.
        var players = new List<DemoPlayer>();
        try
        {
            foreach (string name in new[] { "ann", "bob", "cy", "dee" })
                players.Add(await DemoPlayer.ConnectAsync(cluster.Frontend, name, null, CancellationToken.None, room: "arena"));
            Assert.Single(players.Select(p => p.Server).Distinct());
        }
        finally
        {
            foreach (DemoPlayer player in players) await player.DisposeAsync();
        }
    }
}
