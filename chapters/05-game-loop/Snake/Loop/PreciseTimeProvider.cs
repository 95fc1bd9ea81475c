using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Snake.Loop;

/// <summary>
/// A <see cref="TimeProvider"/> whose timers wake within about a millisecond of when they are due. The
/// system's timers (what <c>TimeProvider.System</c>, <c>PeriodicTimer</c> and <c>Task.Delay</c> use by
/// default) count time in the operating system's coarse clock ticks: on Linux that is often 4 ms, so a
/// 50 ms tick starts anywhere from 0 to 4 ms late, 2 ms on average, before the game has done anything.
/// A game server with a 2 ms budget for lateness cannot spend it all waiting for the clock.
/// </summary>
/// <remarks>
/// 1. One thread keeps every timer of the provider. It waits for the earliest one with a timed wait,
///    which lasts whole milliseconds and ends a tenth of a millisecond or so after the time asked, never
///    before. So it asks for the whole milliseconds that end at least a quarter millisecond before the
///    timer is due, and sleeps what is left (a quarter to one and a quarter milliseconds) with a precise
///    sleep (<see cref="SleepFor"/>). Rounding the other way (waiting past the moment) would start a tick
///    up to a millisecond late, half of a 2 ms budget. Yielding the core in a loop for that last part
///    instead (as this clock first did) is as precise, but on a server's one busy core a thread that
///    yields waits behind every other thread that wants the core, and the yields cost a system call
///    each: at 500 players they were the server's most frequent call. The price of sleeping: a timer
///    added during that last sleep is noticed up to a millisecond and a quarter late.
/// 2. A periodic timer stays on its schedule: the next time is due + period, never "now + period", so
///    it does not drift. If it fell more than a period behind, it skips to the next slot still ahead,
///    as the system's timers do.
/// 3. Callbacks run on the thread pool, never on the timer thread: one slow tick must not delay the
///    other rooms' timers.
/// Everything else (the time of day, timestamps) is the system's. Tests keep passing a FakeTimeProvider.
/// </remarks>
public sealed class PreciseTimeProvider : TimeProvider
{
    private readonly object _gate = new(); // Monitor, for Wait and Pulse
    private readonly List<PreciseTimer> _timers = [];
    private Thread? _thread;

    /// <summary>The one the server uses: one timer thread for every room.</summary>
    public static PreciseTimeProvider Instance { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new PreciseTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>(Re)schedules a timer; <paramref name="due"/> is a Stopwatch timestamp, or null to stop it.</summary>
    private void Schedule(PreciseTimer timer, long? due, long period)
    {
        lock (_gate)
        {
            timer.Due = due;
            timer.Period = period;
            if (due is null) _timers.Remove(timer);
            else if (!_timers.Contains(timer)) _timers.Add(timer);
            if (_thread is null && due is not null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "precise timers" };
                _thread.Start();
            }
            Monitor.Pulse(_gate); // the earliest timer may have changed
        }
    }

    private void Run()
    {
        while (true)
        {
            PreciseTimer? fire = null;
            long rest = 0;
            lock (_gate)
            {
                PreciseTimer? next = null;
                foreach (PreciseTimer t in _timers)
                    if (next is null || t.Due < next.Due) next = t;
                if (next is null)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                long left = next.Due!.Value - Stopwatch.GetTimestamp();
                double leftMs = left * 1000.0 / Stopwatch.Frequency;
                if (leftMs > 1.25)
                {
                    // Wakes early if a timer is added or changed (Pulse) meanwhile.
                    Monitor.Wait(_gate, (int)(leftMs - 0.25));
                    continue;
                }
                if (left > 0) rest = left;
                else
                {
                    fire = next;
                    if (next.Period > 0)
                    {
                        long due = next.Due!.Value + next.Period;
                        long now = Stopwatch.GetTimestamp();
                        if (due <= now) due += (now - due) / next.Period * next.Period + next.Period; // fell behind: the next slot ahead
                        next.Due = due;
                    }
                    else
                    {
                        next.Due = null;
                        _timers.Remove(next);
                    }
                }
            }
            if (fire is null) SleepFor(rest); // at most the last millisecond and a quarter
            else ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), fire, preferLocal: false);
        }
    }

    /// <summary>
    /// Sleeps the last <paramref name="ticks"/> (Stopwatch ticks, a millisecond and a quarter at most)
    /// before a timer is due, to within tens of microseconds: POSIX's nanosleep on Linux and macOS. Elsewhere
    /// it yields the core once, and the loop comes back until the time is up.
    /// </summary>
    private static void SleepFor(long ticks)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var span = new TimeSpec { Seconds = 0, Nanoseconds = (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency)) };
            nanosleep(ref span, IntPtr.Zero);
        }
        else Thread.Yield();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int nanosleep(ref TimeSpec request, IntPtr remaining);

    private static long? Ticks(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? null : (long)(Math.Max(0, span.TotalSeconds) * Stopwatch.Frequency);

    private sealed class PreciseTimer(PreciseTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public long? Due { get; set; }
        public long Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            long? due = Ticks(dueTime) is { } ticks ? Stopwatch.GetTimestamp() + ticks : null;
            owner.Schedule(this, due, Ticks(period) is { } p && p > 0 ? p : 0);
            return true;
        }

        public void Fire()
        {
            if (!_disposed) callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Schedule(this, null, 0);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
