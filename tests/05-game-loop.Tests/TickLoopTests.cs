using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;
using Snake.Loop;

namespace GameLoop.Tests;

/// <summary>The loop on its own: one start, a clean stop, and failures that are seen.</summary>
public sealed class TickLoopTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_second_start_does_nothing_and_stop_waits_for_the_loop()
    {
        var time = new FakeTimeProvider();
        int ticks = 0;
        var loop = new TickLoop(Period, time, (_, _) => { Interlocked.Increment(ref ticks); return ValueTask.CompletedTask; }, e => throw e, Log.Null);
        Assert.True(loop.Start());
        Assert.False(loop.Start());
        time.Advance(Period);
        await Servers.EventuallyAsync(() => Volatile.Read(ref ticks) == 1, "one tick");
        await loop.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(Period * 5);
        await Task.Delay(50);
        Assert.Equal(1, Volatile.Read(ref ticks)); // stopped means stopped
        Assert.Equal(1, loop.Starts);
    }

    [Fact]
    public async Task An_exception_in_a_tick_is_logged_and_reported_and_the_loop_can_start_again()
    {
        var time = new FakeTimeProvider();
        var log = new Transcript();
        var faulted = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = new TickLoop(Period, time, (n, _) => n == 2 ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask,
            e => faulted.TrySetResult(e), new Log(log, "loop"));
        loop.Start();
        time.Advance(Period);
        time.Advance(Period);
        Exception error = await faulted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("boom", error.Message);
        Assert.StartsWith("loop: tick 2 failed: System.InvalidOperationException: boom", log.ToString());
        Assert.False(loop.IsRunning);
        Assert.True(loop.Start()); // whoever owns it may decide to run it again
        await loop.StopAsync();
    }
}
