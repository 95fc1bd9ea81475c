using System.Globalization;
using HdrHistogram;

namespace Course.Bench;

/// <summary>
/// Latency samples, kept in an HdrHistogram (microsecond resolution, 3 significant digits, up to an hour),
/// so a million samples take a few kilobytes and every percentile is exact to 0.1 %.
/// </summary>
/// <remarks>
/// 1. Percentiles are nearest-rank: p99 of n samples is the smallest value with at least 99 % of the
///    samples at or below it (rank ⌈0.99·n⌉), never an average of neighbours.
/// 2. Where the load is paced (a sample is due every interval), a stall of the thing being measured also
///    delays the samples that should have been taken meanwhile. Recording with <see cref="Record(double, double)"/>
///    adds those missing samples back (coordinated-omission correction), so a stall counts as often as it
///    hurt, not once.
/// 3. A percentile needs enough samples to mean something: <see cref="Summary"/> prints the count, and p99.9
///    only when there are at least 1,000.
/// </remarks>
public sealed class Latency
{
    private readonly LongHistogram _histogram = new(3_600_000_000L, 3); // microseconds, up to an hour

    public long Count => _histogram.TotalCount;

    /// <summary>One sample, in milliseconds.</summary>
    public void Record(double milliseconds)
    {
        lock (_histogram) _histogram.RecordValue(ToMicroseconds(milliseconds));
    }

    /// <summary>One sample of paced load, corrected for coordinated omission against <paramref name="intervalMilliseconds"/>.</summary>
    public void Record(double milliseconds, double intervalMilliseconds)
    {
        lock (_histogram) _histogram.RecordValueWithExpectedInterval(ToMicroseconds(milliseconds), ToMicroseconds(intervalMilliseconds));
    }

    /// <summary>The p-th percentile (0 to 100) in milliseconds, nearest rank; NaN with no samples.</summary>
    public double Percentile(double p)
    {
        lock (_histogram) return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(p) / 1000.0;
    }

    public double Max
    {
        get { lock (_histogram) return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetMaxValue() / 1000.0; }
    }

    /// <summary>"p50 1.23 ms, p99 4.56 ms, p99.9 7.89 ms, max 9.87 ms (12,345 samples)".</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):F2} ms, p99 {Percentile(99):F2} ms, {(Count >= 1000 ? $"p99.9 {Percentile(99.9):F2} ms, " : "")}max {Max:F2} ms ({Count:N0} samples)");

    private static long ToMicroseconds(double milliseconds) => Math.Max(0, (long)Math.Round(milliseconds * 1000));
}
