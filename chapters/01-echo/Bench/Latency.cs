using System.Diagnostics;

namespace Echo;

/// <summary>Round-trip times of one benchmark case, and the figures we report from them.</summary>
public sealed class Latency(string name)
{
    private readonly List<long> _ticks = new(capacity: 1 << 16);

    public string Name { get; } = name;
    public TimeSpan Elapsed { get; private set; }
    public int Count => _ticks.Count;

    public void Add(long stopwatchTicks) => _ticks.Add(stopwatchTicks);

    /// <summary>Adds the time spent measuring (a case may be measured in several slices).</summary>
    public void AddTime(TimeSpan elapsed) => Elapsed += elapsed;

    /// <summary>Sorts the samples for the percentiles; call once measuring is over.</summary>
    public Latency Finished()
    {
        _ticks.Sort();
        return this;
    }

    public double RoundTripsPerSecond => Count / Elapsed.TotalSeconds;
    public double P50Microseconds => Percentile(0.50);
    public double P99Microseconds => Percentile(0.99);

    private double Percentile(double p)
    {
        if (_ticks.Count == 0) return double.NaN;
        // Nearest-rank percentile over the sorted samples.
        int rank = (int)Math.Ceiling(p * _ticks.Count) - 1;
        return _ticks[Math.Clamp(rank, 0, _ticks.Count - 1)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
