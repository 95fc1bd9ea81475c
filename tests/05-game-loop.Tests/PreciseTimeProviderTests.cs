using System.Diagnostics;
using Snake.Loop;

namespace GameLoop.Tests;

/// <summary>
/// The rooms' clock on a real server: a timer that keeps its schedule, is never early, and stops when
/// told. (How late it is, is the bench's to say, on a quiet machine: not a unit test's.)
/// </summary>
public sealed class PreciseTimeProviderTests
{
    [Fact]
    public async Task A_periodic_timer_ticks_on_its_schedule_and_never_before_a_tick_is_due()
    {
        var period = TimeSpan.FromMilliseconds(20);
        // Taken before the timer exists, so no tick can look early only because the clock started late.
        long start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(period, PreciseTimeProvider.Instance);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (int k = 1; k <= 10; k++)
        {
            Assert.True(await timer.WaitForNextTickAsync(limit.Token));
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            // Tick k is due at start + k periods (a tick that was missed would come at once, but never early).
            Assert.True(elapsed >= period * k - TimeSpan.FromMilliseconds(0.05), $"tick {k} came {(period * k - elapsed).TotalMilliseconds:0.00} ms early");
        }
    }

    [Fact]
    public async Task A_disposed_timer_never_fires_again_and_a_delay_waits_at_least_its_time()
    {
        int fired = 0;
        ITimer timer = PreciseTimeProvider.Instance.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5));
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref fired) < 3 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(5);
        Assert.True(Volatile.Read(ref fired) >= 3, "the timer did not fire three times in 30 s");
        timer.Dispose();
        await Task.Delay(50); // a callback already queued may still run once
        int after = Volatile.Read(ref fired);
        await Task.Delay(100);
        Assert.Equal(after, Volatile.Read(ref fired));

        long before = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromMilliseconds(30), PreciseTimeProvider.Instance);
        Assert.True(Stopwatch.GetElapsedTime(before) >= TimeSpan.FromMilliseconds(29.95));
    }

    [Fact]
    public void A_timer_changed_to_never_does_not_fire()
    {
        int fired = 0;
        using ITimer timer = PreciseTimeProvider.Instance.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        Thread.Sleep(100);
        Assert.Equal(0, Volatile.Read(ref fired));
    }
}
