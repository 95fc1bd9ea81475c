using Microsoft.Extensions.Time.Testing;
using Netcode.Peers;

namespace Netcode.Tests;

/// <summary>PyGaSe's congestion avoidance on a frozen clock: 40 a second, 20 when the RTT is bad, and a throttle that backs off.</summary>
public sealed class CongestionTests
{
    private static readonly TimeSpan Good = TimeSpan.FromMilliseconds(100), Bad = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void A_bad_rtt_halves_the_rate_and_flapping_doubles_the_time_before_it_comes_back()
    {
        var clock = new FakeTimeProvider();
        var congestion = new CongestionControl(new PeerOptions { Time = clock });
        TimeSpan fast = TimeSpan.FromSeconds(1.0 / 40), slow = TimeSpan.FromSeconds(1.0 / 20);
        Assert.Equal(fast, congestion.Interval);

        clock.Advance(TimeSpan.FromSeconds(2));
        congestion.Update(Bad);
        Assert.Equal(slow, congestion.Interval);
        Assert.Equal(TimeSpan.FromSeconds(1), congestion.ThrottleTime);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        congestion.Update(Good); // checked only every half second: ignored
        clock.Advance(TimeSpan.FromSeconds(0.3));
        congestion.Update(Good); // good again, but the fast rate waits for the throttle time
        Assert.Equal(slow, congestion.Interval);

        clock.Advance(TimeSpan.FromSeconds(0.5));
        congestion.Update(Bad); // bad again within the throttle time of turning good: back off
        Assert.Equal(TimeSpan.FromSeconds(2), congestion.ThrottleTime);

        clock.Advance(TimeSpan.FromSeconds(0.5));
        congestion.Update(Good);
        clock.Advance(TimeSpan.FromSeconds(1));
        congestion.Update(Good); // good for 1 s: not yet the 2 s the throttle now asks for
        Assert.Equal(slow, congestion.Interval);

        clock.Advance(TimeSpan.FromSeconds(1));
        congestion.Update(Good); // good for 2 s: full rate, and the throttle time halves
        Assert.Equal(fast, congestion.Interval);
        Assert.Equal(TimeSpan.FromSeconds(1), congestion.ThrottleTime);
    }
}
