using Course.Cli;
using Course.Testing;
using Offloading.Offload;
using Xunit;

namespace Offloading.Tests.Exercises;

/// <summary>
/// The chapter's exercise with a ready test. Delete the Skip when you do the exercise, then run
/// <c>dotnet test tests/06-offloading.Tests --filter Exercise</c>.
/// </summary>
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
        Assert.True(plans.Restarts <= 5, $"{plans.Restarts} restarts");
    }
}
