using Microsoft.Extensions.Time.Testing;

namespace Agar.Tests.Net;

/// <summary>
/// Game time for a test: a <see cref="FakeTimeProvider"/> that the server, the clients and the simulated
/// network all read, moved forward a tick (1/30 s) at a time by a background loop with a few real
/// milliseconds in between for the sockets and loops to do what that tick brought (longer while the
/// thread pool still has work queued). So "five seconds of
/// silence" takes a fraction of a real second, and the test decides how time passes, not the machine.
/// A test whose server does more work a tick than the machine can do in those milliseconds sets
/// <see cref="PaceOn"/>: then each tick of game time waits for the work it brought to be done.
/// </summary>
public sealed class TestClock : IAsyncDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1 / 30.0);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticking;

    public TestClock()
    {
        Time = new FakeTimeProvider(DateTimeOffset.UnixEpoch) { AutoAdvanceAmount = TimeSpan.Zero };
        _ticking = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Func<long>? paceOn = PaceOn;
                long mark = paceOn?.Invoke() ?? 0;
                Time.Advance(Tick);
                try
                {
                    await Task.Delay(4, _stop.Token);
                    // On a crowded machine the work a tick brought may still be queued after 4 ms: give it up
                    // to 50 ms more, so game time does not run ahead of the sockets and loops it paces.
                    for (int waited = 0; ThreadPool.PendingWorkItemCount > 0 && waited < 50; waited++)
                        await Task.Delay(1, _stop.Token);
                    // A paced clock also waits, up to a quarter of a second, for the count the test named to move.
                    for (int waited = 0; paceOn is not null && paceOn() <= mark && waited < 250; waited++)
                        await Task.Delay(1, _stop.Token);
                }
                catch (OperationCanceledException) { }
            }
        });
    }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// A count that moves once a tick when the work of a tick is done (views a client applied, say). When
    /// set, the next tick of game time waits for it to move, for at most a quarter of a real second: a
    /// stalled server still sees time pass, only more slowly.
    /// </summary>
    public Func<long>? PaceOn { get; set; }

    /// <summary>Game time so far.</summary>
    public TimeSpan Elapsed => Time.GetUtcNow() - DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, for at most <paramref name="gameSeconds"/> of game time;
    /// <paramref name="everyTick"/> runs once for each tick of game time that passes meanwhile (a client's step).
    /// </summary>
    public async Task Until(Func<bool> condition, string what, double gameSeconds = 10, Action? everyTick = null)
    {
        TimeSpan limit = Elapsed + TimeSpan.FromSeconds(gameSeconds);
        var realLimit = System.Diagnostics.Stopwatch.StartNew();
        long ticks = Elapsed.Ticks / Tick.Ticks;
        while (!condition())
        {
            if (Elapsed > limit) Assert.Fail($"after {gameSeconds} s of game time still not: {what}");
            if (realLimit.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail($"after 60 s of real time (the clock stalled?) still not: {what}");
            for (long now = Elapsed.Ticks / Tick.Ticks; ticks < now; ticks++) everyTick?.Invoke();
            await Task.Delay(1);
        }
    }

    /// <summary>Lets <paramref name="gameSeconds"/> of game time pass.</summary>
    public Task Pass(double gameSeconds, Action? everyTick = null)
    {
        TimeSpan until = Elapsed + TimeSpan.FromSeconds(gameSeconds);
        return Until(() => Elapsed >= until, $"{gameSeconds} s passed", gameSeconds + 1, everyTick);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticking;
    }
}
