using System.Globalization;
using HdrHistogram;
using HdrHistogram.Iteration;

namespace Course.Bench;

/// <summary>
/// Latency samples, kept in an HdrHistogram (nanosecond resolution, 3 significant digits, up to an hour),
/// so a million samples take a fixed quarter megabyte and every percentile is exact to 0.1 %, from a
/// 20 µs loopback round trip to a 40 ms stall.
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
    private readonly LongHistogram _histogram = new(3_600_000_000_000L, 3); // nanoseconds, up to an hour

    public long Count => _histogram.TotalCount;

    /// <summary>One sample, in milliseconds.</summary>
    public void Record(double milliseconds)
    {
        lock (_histogram) _histogram.RecordValue(ToNanoseconds(milliseconds));
    }

    /// <summary>One sample of paced load, corrected for coordinated omission against <paramref name="intervalMilliseconds"/>.</summary>
    public void Record(double milliseconds, double intervalMilliseconds)
    {
        lock (_histogram) _histogram.RecordValueWithExpectedInterval(ToNanoseconds(milliseconds), ToNanoseconds(intervalMilliseconds));
    }

    /// <summary>The p-th percentile (0 to 100) in milliseconds, nearest rank; NaN with no samples.</summary>
    /// <remarks>
    /// Not HdrHistogram's own <c>GetValueAtPercentile</c>: it rounds p·n to the nearest whole rank, which
    /// is one rank too low whenever the fraction is under a half (p99 of 1,070 samples is the 1,060th,
    /// it answers the 1,059th). We walk the recorded values to rank ⌈p·n⌉ instead.
    /// </remarks>
    public double Percentile(double p)
    {
        lock (_histogram)
        {
            long n = _histogram.TotalCount;
            if (n == 0) return double.NaN;
            // The small epsilon keeps 99.9 % of 1,000 at rank 999, not 1,000 (0.999 × 1000 is 999.0000000000001).
            long rank = Math.Clamp((long)Math.Ceiling(p / 100 * n - 1e-9), 1, n);
            foreach (HistogramIterationValue value in _histogram.RecordedValues())
                if (value.TotalCountToThisValue >= rank) return _histogram.HighestEquivalentValue(value.ValueIteratedTo) / 1e6;
            return _histogram.GetMaxValue() / 1e6;
        }
    }

    public double Max
    {
        get { lock (_histogram) return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetMaxValue() / 1e6; }
    }

    /// <summary>"p50 1.23 ms, p99 4.56 ms, p99.9 7.89 ms, max 9.87 ms (12,345 samples)".</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):F2} ms, p99 {Percentile(99):F2} ms, {(Count >= 1000 ? $"p99.9 {Percentile(99.9):F2} ms, " : "")}max {Max:F2} ms ({Count:N0} samples)");

    /// <summary>Adds every sample of <paramref name="other"/> (slices of one case, measured apart, pooled).</summary>
    public void Add(Latency other)
    {
        if (ReferenceEquals(this, other)) return;
        LongHistogram copy;
        lock (other._histogram) copy = (LongHistogram)other._histogram.Copy();
        lock (_histogram) _histogram.Add(copy);
    }

    private static long ToNanoseconds(double milliseconds) => Math.Clamp((long)Math.Round(milliseconds * 1e6), 0, 3_600_000_000_000L);
}
