using System.Diagnostics;

namespace Course.Bench;

/// <summary>
/// How late numbered ticks arrive against the schedule they were meant to keep: tick k of a loop with
/// period P is due at origin + k·P, and its lateness is its arrival minus that. Not the gap between two
/// arrivals minus P: a late tick followed by an on-time one would show as +x then −x, and a loop that
/// drifts a little every tick would look perfect tick by tick while falling seconds behind in a minute.
/// </summary>
/// <remarks>
/// 1. The loop's clock is in another process, so its origin is not known here; it is estimated as the
///    earliest any tick of that loop arrived, relative to its number: min over arrivals of (arrival − k·P).
///    The best delivery the machine managed counts as on time, so every lateness is at least 0, and the
///    figures are, if anything, a few microseconds kind to the loop.
/// 2. Each loop (each room) is a stream of its own, with its own origin.
/// 3. Drift is the slope of lateness over time (least squares over each stream's ticks, each tick taken
///    at its earliest arrival), in milliseconds per minute: 0 for a loop that keeps its schedule, about
///    the tick's own cost times ticks per minute for one that sleeps a period after each tick.
/// </remarks>
public sealed class ScheduleLateness(double periodMilliseconds)
{
    private readonly Dictionary<int, List<(long Tick, long Arrived)>> _streams = [];
    private readonly Lock _gate = new();

    /// <summary>Tick <paramref name="tick"/> of stream <paramref name="stream"/> arrived at <paramref name="arrived"/> (Stopwatch ticks).</summary>
    public void Arrived(int stream, long tick, long arrived)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var arrivals)) _streams[stream] = arrivals = new List<(long, long)>(4096);
            arrivals.Add((tick, arrived));
        }
    }

    public long Count
    {
        get { lock (_gate) return _streams.Values.Sum(s => (long)s.Count); }
    }

    /// <summary>Every arrival's lateness, and the median drift over the streams.</summary>
    public (Latency Lateness, double DriftMsPerMinute) Finish()
    {
        var lateness = new Latency();
        var drifts = new List<double>();
        lock (_gate)
        {
            foreach (var arrivals in _streams.Values)
            {
                if (arrivals.Count == 0) continue;
                double Ms(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;
                double origin = arrivals.Min(a => Ms(a.Arrived) - a.Tick * periodMilliseconds);
                foreach (var (tick, arrived) in arrivals) lateness.Record(Ms(arrived) - origin - tick * periodMilliseconds);

                var first = arrivals.GroupBy(a => a.Tick).Select(g => (Due: g.Key * periodMilliseconds, Late: Ms(g.Min(a => a.Arrived)) - origin - g.Key * periodMilliseconds)).ToList();
                if (first.Count >= 3) drifts.Add(Slope(first) * 60_000);
            }
        }
        drifts.Sort();
        return (lateness, drifts.Count == 0 ? double.NaN : drifts[drifts.Count / 2]);
    }

    /// <summary>Least-squares slope of lateness against due time (ms per ms).</summary>
    private static double Slope(List<(double Due, double Late)> points)
    {
        double meanX = points.Average(p => p.Due), meanY = points.Average(p => p.Late);
        double num = 0, den = 0;
        foreach (var (x, y) in points)
        {
            num += (x - meanX) * (y - meanY);
            den += (x - meanX) * (x - meanX);
        }
        return den == 0 ? 0 : num / den;
    }
}
