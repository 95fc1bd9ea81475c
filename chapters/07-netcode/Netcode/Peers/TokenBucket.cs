namespace Netcode.Peers;

/// <summary>
/// A rate limit: a bucket holds up to <c>burst</c> tokens and refills at <c>rate</c> tokens a second; each
/// thing allowed takes one. So a sender may go at the rate forever, or faster for a short burst, never more.
/// Not thread-safe: its owner locks (or, like the receive loop, is the only caller).
/// </summary>
public sealed class TokenBucket
{
    private readonly double _rate, _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(double rate, double burst, TimeProvider time)
    {
        (_rate, _burst, _time) = (rate, Math.Max(1, burst), time);
        _tokens = _burst;
        _refilledAt = time.GetTimestamp();
    }

    public bool TryTake()
    {
        if (double.IsPositiveInfinity(_rate)) return true;
        long now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_refilledAt, now).TotalSeconds * _rate);
        _refilledAt = now;
        if (_tokens < 1) return false;
        _tokens--;
        return true;
    }
}
