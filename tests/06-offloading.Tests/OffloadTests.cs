using Course.Cli;
using Offloading.Ai;
using Offloading.Offload;
using Snake.Game;
using Xunit;

namespace Offloading.Tests;

/// <summary>
/// The chapter's claim, for each mode, with a planner stub that sleeps 300 ms (six ticks at 20 ticks/s):
/// inline planning stalls the loop, a thread or a process does not. The bounds are loose on purpose (the
/// machine may be busy, and a loaded CI machine can pause a process for a second): inline planning can
/// reach at most one tick per plan, 10 of the 60, and is asserted to reach at most half; a thread or a
/// process must reach at least 40 percent, 24, well clear of what inline planning could ever do.
/// </summary>
public sealed class OffloadTests
{
    private const double TickRate = 20;
    private static readonly TimeSpan Planning = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(3);
    private static readonly GameRules Rules = new() { Width = 30, Height = 20 };
    private static readonly int Expected = (int)(Run.TotalSeconds * TickRate);

    [Fact]
    public async Task None_the_loop_stalls_behind_the_planner()
    {
        (long ticks, Arena arena) = await RunArena(new InlinePlans(new SleepingPlanner(Planning)));
        Assert.True(ticks <= Expected / 2, $"{ticks} ticks of {Expected}: the inline planner should have stalled the loop");
        Assert.True(arena.Ai.Meter.Missed >= Expected / 3, arena.Ai.Meter.Summary());
        Assert.Null(arena.Fault);
    }

    [Fact]
    public async Task Thread_the_loop_keeps_its_pace_and_uses_the_plans()
    {
        (long ticks, Arena arena) = await RunArena(new ThreadPlans(new SleepingPlanner(Planning), Log.Null));
        Assert.True(ticks >= Expected * 4 / 10, $"{ticks} ticks of {Expected}: {arena.Ai.Meter.Summary()}");
        Assert.True(arena.Ai.PlansApplied >= 3, $"only {arena.Ai.PlansApplied} plans used");
        Assert.Null(arena.Fault);
    }

    [Fact]
    public async Task Process_the_loop_keeps_its_pace_and_uses_the_plans()
    {
        var plans = new ProcessPlans(WorkerLaunch.ThisProgram("--planner-delay-ms", "300"), TimeSpan.FromSeconds(10), Log.Null);
        // Warm the worker up first (its start-up and JIT compete with the loop for the CPU): one plan.
        plans.Offer(new Board { Width = Rules.Width, Height = Rules.Height });
        await WaitFor(() => plans.Finished >= 1, "the worker's first plan");
        (long ticks, Arena arena) = await RunArena(plans);
        Assert.True(ticks >= Expected * 4 / 10, $"{ticks} ticks of {Expected}: {arena.Ai.Meter.Summary()}");
        Assert.True(arena.Ai.PlansApplied >= 2, $"only {arena.Ai.PlansApplied} plans used");
        Assert.Null(arena.Fault);
    }

    private static async Task<(long Ticks, Arena Arena)> RunArena(IPlanSource plans)
    {
        var arena = new Arena(Rules, 6, 4, plans, TickRate, TimeProvider.System, Log.Null);
        await using (arena)
        {
            arena.Start();
            await Task.Delay(Run);
        }
        return (arena.Ticks, arena);
    }

    internal static async Task WaitFor(Func<bool> condition, string what, double seconds = 30)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > limit) throw new TimeoutException($"waited {seconds} s for {what}");
            await Task.Delay(50);
        }
    }
}
