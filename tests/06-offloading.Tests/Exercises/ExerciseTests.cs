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
    [Fact(Skip = "Exercise 1: give up on a worker that cannot start. Delete this Skip when ProcessPlans stops after 5 failed starts in a row.")]
    public async Task Exercise1_a_worker_that_cannot_start_is_given_up_after_five_tries()
    {
        var log = new Transcript();
        using var plans = new ProcessPlans(new WorkerLaunch("/nonexistent/worker", []), TimeSpan.FromSeconds(1), new Log(log, "planner"));
        for (int tick = 0; tick < 40; tick++)
        {
            plans.Offer(new Ai.Board { Tick = tick, Width = 10, Height = 10 });
            await Task.Delay(100);
        }
        // Today the pump retries every 200 ms for ever; after the exercise it says so once and stops.
        Assert.Contains("giving up after 5 failed starts", log.Raw);
        int giveUps = log.Raw.Split("giving up after 5 failed starts").Length - 1;
        int starts = log.Raw.Split("could not start").Length - 1;
        Assert.True(giveUps == 1, $"said {giveUps} times, once is enough:\n{log.Raw}");
        Assert.True(starts <= 5, $"{starts} failed starts logged in 4 s, at most 5 expected:\n{log.Raw}");
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
