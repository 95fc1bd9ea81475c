using System.Diagnostics;
using Course.Cli;
using Course.Testing;
using Offloading.Ai;
using Offloading.Offload;
using Snake.Game;
using Xunit;

namespace Offloading.Tests;

/// <summary>The worker process dies or hangs; the server replaces it and the game never stops ticking.</summary>
public sealed class WorkerFailureTests
{
    private static readonly GameRules Rules = new() { Width = 40, Height = 30 };

    [Fact]
    public async Task A_killed_worker_is_replaced_and_the_game_keeps_ticking()
    {
        var log = new Transcript();
        var plans = new ProcessPlans(WorkerLaunch.ThisProgram(), TimeSpan.FromSeconds(10), new Log(log, "planner"));
        await using var arena = new Arena(Rules, 6, 6, plans, 20, TimeProvider.System, Log.Null);
        arena.Start();
        await OffloadTests.WaitFor(() => plans.Finished >= 3, "three plans from the first worker");
        int first = plans.WorkerId ?? throw new InvalidOperationException("no worker");

        Process.GetProcessById(first).Kill();

        await OffloadTests.WaitFor(() => plans.Restarts >= 1, "the pump to notice the dead worker");
        long plansBefore = plans.Finished, ticksBefore = arena.Ticks;
        await OffloadTests.WaitFor(() => plans.Finished >= plansBefore + 3, "plans from the new worker:\n" + log.Raw);
        await OffloadTests.WaitFor(() => arena.Ticks >= ticksBefore + 10, "ten more ticks");
        Assert.NotEqual(first, plans.WorkerId);
        Assert.Null(arena.Fault);
        Assert.True(log.Raw.Contains($"worker {first} exited"), log.Raw);
    }

    [Fact]
    public async Task A_hung_worker_is_killed_after_the_deadline_and_the_game_keeps_ticking()
    {
        var log = new Transcript();
        // The worker "plans" for a minute; the deadline is one second.
        var plans = new ProcessPlans(WorkerLaunch.ThisProgram("--planner-delay-ms", "60000"), TimeSpan.FromSeconds(1), new Log(log, "planner"));
        await using var arena = new Arena(Rules, 6, 6, plans, 20, TimeProvider.System, Log.Null);
        arena.Start();
        await OffloadTests.WaitFor(() => plans.WorkerId is not null, "the first worker");
        int first = plans.WorkerId!.Value;

        await OffloadTests.WaitFor(() => plans.Restarts >= 1, "the deadline to pass");
        long ticksBefore = arena.Ticks;
        await OffloadTests.WaitFor(() => arena.Ticks >= ticksBefore + 10, "ten more ticks");
        Assert.Null(arena.Fault);
        Assert.True(log.Raw.Contains($"worker {first} killed: no plan within 1 s (hung?)"), log.Raw);
        Assert.True(HasExited(first), "the hung worker is still running");
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
