using Course.Bench;

namespace Course.Cli.Tests;

/// <summary>The benches' one way to take percentiles (shared/Course.Bench): nearest rank, never a rank off.</summary>
public sealed class LatencyTests
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var latency = new Latency();
        for (int ms = 1; ms <= 1070; ms++) latency.Record(ms);
        // p99 of 1,070 samples is the ⌈1059.3⌉ = 1,060th; rounding p·n (HdrHistogram's own way) gives the 1,059th.
        Assert.InRange(latency.Percentile(99), 1059.9, 1061);
        Assert.InRange(latency.Percentile(50), 534.9, 536); // ⌈535⌉
        Assert.InRange(latency.Max, 1069.9, 1071);
        Assert.Equal(1070, latency.Count);
    }

    [Fact]
    public void A_percentile_that_lands_on_a_whole_rank_is_that_rank()
    {
        var latency = new Latency();
        for (int i = 1; i <= 1000; i++) latency.Record(i / 1000.0); // 1 µs to 1 ms
        Assert.InRange(latency.Percentile(99.9), 0.9989, 0.9995); // the 999th, not the 1,000th
        Assert.InRange(latency.Percentile(100), 0.9999, 1.0006);
    }

    [Fact]
    public void Paced_samples_count_the_stall_as_often_as_it_hurt()
    {
        // One sample every 10 ms; one of them stalled for 100 ms. Corrected, the stall also stands for the
        // nine samples that were due while it lasted (90, 80, ... 10 ms late).
        var latency = new Latency();
        for (int i = 0; i < 99; i++) latency.Record(1, 10);
        latency.Record(100, 10);
        Assert.Equal(109, latency.Count);
        Assert.InRange(latency.Percentile(95), 49.9, 60.1);
    }
}
