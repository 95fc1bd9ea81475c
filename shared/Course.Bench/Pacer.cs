using System.Diagnostics;

namespace Course.Bench;

/// <summary>
/// The schedule of a paced load: send k is due at start + k·interval. A bench measures each message's
/// latency from the moment it was DUE, not from when it left: if the sender stalls (the machine is busy,
/// the server pushes back), the messages it should have sent meanwhile still count, late by as long as the
/// stall lasted. Measured from the real send time they would not (coordinated omission: the load politely
/// waits for the system it measures, and the stall vanishes from the figures).
/// </summary>
/// <remarks>
/// A sleeping thread wakes up to a millisecond late, which would add to every figure; so the pacer sleeps
/// until a millisecond before the slot and then yields the core (to the readers, if they have work)
/// until the slot is due. A slot is never skipped: after a stall the missed ones go out back to back.
/// </remarks>
public sealed class Pacer(TimeSpan interval)
{
    private readonly double _interval = interval.TotalSeconds * Stopwatch.Frequency;
    private long _start = Stopwatch.GetTimestamp();
    private long _slot;

    public TimeSpan Interval { get; } = interval;

    /// <summary>Starts the schedule now: the first slot is due one interval from now.</summary>
    public void Restart()
    {
        _start = Stopwatch.GetTimestamp();
        _slot = 0;
    }

    /// <summary>Waits for the next slot and returns when it was due (a Stopwatch timestamp).</summary>
    public long WaitNext(CancellationToken cancel)
    {
        long due = NextDue();
        while (!cancel.IsCancellationRequested)
        {
            double left = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (left <= 0) break;
            if (left > 1.5) Thread.Sleep(TimeSpan.FromMilliseconds(left - 1));
            else Thread.Yield();
        }
        return due;
    }

    /// <inheritdoc cref="WaitNext"/>
    public async ValueTask<long> WaitNextAsync(CancellationToken cancel)
    {
        long due = NextDue();
        while (!cancel.IsCancellationRequested)
        {
            double left = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (left <= 0) break;
            if (left > 1.5) await Task.Delay(TimeSpan.FromMilliseconds(left - 1), cancel).ConfigureAwait(false);
            else Thread.Yield();
        }
        return due;
    }

    /// <summary>Milliseconds from <paramref name="due"/> to <paramref name="arrived"/> (both Stopwatch timestamps).</summary>
    public static double Milliseconds(long due, long arrived) => (arrived - due) * 1000.0 / Stopwatch.Frequency;

    private long NextDue() => _start + (long)(++_slot * _interval);
}
