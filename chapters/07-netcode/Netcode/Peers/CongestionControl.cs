namespace Netcode.Peers;

/// <summary>
/// PyGaSe's binary congestion avoidance, per connection and direction.
/// </summary>
/// <remarks>
/// 1. Every half second, compare the round-trip estimate with 250 ms.
/// 2. Above it: quality is bad, send 20 packages a second. If it turned bad again within the current
///    throttle time of turning good, double the throttle time (up to 60 s).
/// 3. Below it: quality is good, but the 40-a-second rate comes back only once good conditions have lasted
///    the throttle time; each good period that long halves the throttle time (down to 1 s).
/// </remarks>
public sealed class CongestionControl(PeerOptions options)
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(0.5);
    private TimeSpan _throttle = TimeSpan.FromSeconds(1);
    private bool _good = true;
    private long _lastCheck = options.Time.GetTimestamp();
    private long _lastChange = options.Time.GetTimestamp();

    public TimeSpan Interval { get; private set; } = options.GoodInterval;
    public TimeSpan ThrottleTime => _throttle;

    public void Update(TimeSpan rtt)
    {
        TimeProvider time = options.Time;
        if (time.GetElapsedTime(_lastCheck) < CheckPeriod) return;
        _lastCheck = time.GetTimestamp();
        TimeSpan sinceChange = time.GetElapsedTime(_lastChange);
        if (_good && rtt > Threshold)
        {
            _good = false;
            Interval = options.BadInterval;
            if (sinceChange < _throttle) _throttle = TimeSpan.FromTicks(Math.Min(_throttle.Ticks * 2, TimeSpan.FromSeconds(60).Ticks));
            _lastChange = time.GetTimestamp();
        }
        else if (!_good && rtt <= Threshold)
        {
            _good = true;
            _lastChange = time.GetTimestamp();
        }
        else if (_good && sinceChange >= _throttle)
        {
            Interval = options.GoodInterval;
            _throttle = TimeSpan.FromTicks(Math.Max(_throttle.Ticks / 2, TimeSpan.FromSeconds(1).Ticks));
            _lastChange = time.GetTimestamp();
        }
    }
}
