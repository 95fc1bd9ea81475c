namespace Netcode.Peers;

/// <summary>
/// When the next package is due. Each slot is the previous slot plus the interval, not "now plus the
/// interval": a send loop that wakes 10 ms late sends the next package 10 ms sooner, so the rate holds
/// (PyGaSe sleeps "interval minus this iteration" and a late wake-up loses the slot for good). After
/// a stall longer than one interval we skip ahead rather than send a burst of identical packages.
/// </summary>
public sealed class SendSchedule(TimeProvider time)
{
    private long _due = time.GetTimestamp();

    public long Due => _due;

    public bool IsDue(long now) => now >= _due;

    /// <summary>
    /// Moves the next slot to now if it would come within <paramref name="interval"/> anyway: something worth
    /// sending at once (a new tick's view) goes at once, without raising the rate.
    /// </summary>
    public void PullIn(TimeSpan interval, long now)
    {
        long step = (long)(interval.TotalSeconds * time.TimestampFrequency);
        if (_due - now < step) _due = Math.Min(_due, now);
    }

    public void Advance(TimeSpan interval, long now)
    {
        long step = (long)(interval.TotalSeconds * time.TimestampFrequency);
        _due += step;
        if (_due <= now - step) _due = now + step / 4; // stalled a long time: catch up once, no burst
    }
}
