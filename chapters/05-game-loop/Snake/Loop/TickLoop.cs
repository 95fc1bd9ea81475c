using Course.Cli;

namespace Snake.Loop;

/// <summary>
/// Calls a tick function every <c>period</c>, from <see cref="Start"/> until <see cref="StopAsync"/>.
/// The three things the asyncio article warns about are handled here, each in one place:
/// - the task handle is kept (<c>_running</c>), so the loop can be stopped and awaited;
/// - a second <see cref="Start"/> while running does nothing, decided under a lock, so twenty players
///   joining in the same instant still get one loop (the article's flag was set too late for that);
/// - an exception thrown by a tick is caught HERE, logged with its stack trace and reported through
///   <c>onFault</c>, instead of sitting unobserved in a task nobody awaits.
/// Time comes from a <see cref="TimeProvider"/>: tests pass a FakeTimeProvider and tick by hand.
/// </summary>
public sealed class TickLoop(
    TimeSpan period,
    TimeProvider time,
    Func<long, CancellationToken, ValueTask> tick,
    Action<Exception> onFault,
    Log log,
    TickPacing pacing = TickPacing.Timer)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;
    private int _starts;

    public TimeSpan Period { get; } = period;

    public bool IsRunning
    {
        get { lock (_gate) return _stop is not null; }
    }

    /// <summary>How many times the loop really started: a test checks it stays 1.</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>Starts ticking; returns false (and does nothing) when the loop already runs.</summary>
    public bool Start()
    {
        lock (_gate)
        {
            if (_stop is not null) return false;
            _stop = new CancellationTokenSource();
            Interlocked.Increment(ref _starts);
            // A previous run may still be finishing its last tick: the new run waits for it, so two ticks
            // of the same loop never run at once.
            _running = RunAsync(_running, _stop.Token);
            return true;
        }
    }

    /// <summary>Stops ticking and waits until the tick in progress (if any) has finished.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_stop is null) return _running;
            // Not disposed: the running loop may still be looking at its token.
            _stop.Cancel();
            _stop = null;
            return _running;
        }
    }

    private async Task RunAsync(Task previous, CancellationToken stop)
    {
        await previous.ConfigureAwait(false);
        long number = 0;
        try
        {
            if (pacing == TickPacing.Timer)
            {
                // The timer remembers when the next tick is due; a tick that took 8 ms leaves 42 ms to wait.
                using var timer = new PeriodicTimer(Period, time);
                while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                    await tick(++number, stop).ConfigureAwait(false);
            }
            else
            {
                // The seed's pacing: a full period AFTER each tick, so each tick's cost adds to the period.
                while (true)
                {
                    await Task.Delay(Period, time, stop).ConfigureAwait(false);
                    await tick(++number, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // StopAsync: the normal way out.
        }
        catch (Exception e)
        {
            // Surfaced, not swallowed: logged whole, then the owner decides what a failed loop means.
            log.Line($"tick {number} failed: {e}");
            // The owner hears of it BEFORE the loop counts as stopped: until then Start() still answers
            // "already running", so nobody can restart ticking on a half-updated game in between.
            try
            {
                onFault(e);
            }
            finally
            {
                lock (_gate)
                {
                    if (_stop is { } current && current.Token == stop) _stop = null;
                }
            }
        }
    }
}
