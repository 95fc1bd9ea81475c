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
