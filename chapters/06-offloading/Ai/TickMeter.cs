namespace Offloading.Ai;

/// <summary>
/// Measures how late ticks start. A tick's lateness is how much more than one period passed since the
/// previous tick started; a gap of three periods means two ticks never happened (missed). Measured from
/// inside the tick, so it is what the players feel: the time between two states on their screen.
/// </summary>
public sealed class TickMeter(TimeProvider time, TimeSpan period)
{
    private readonly List<double> _lateMs = [];
    private readonly Lock _gate = new(); // the loop marks, a bench or test reads
    private long _previous;
    private long _ticks, _missed;

    public long Ticks { get { lock (_gate) return _ticks; } }
    public long Missed { get { lock (_gate) return _missed; } }

    /// <summary>Forgets what was measured so far (the bench's warm-up: JIT, worker start-up).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _lateMs.Clear();
            _ticks = _missed = 0;
            _previous = 0;
        }
    }

    public void Mark()
    {
        lock (_gate) MarkLocked();
    }

    private void MarkLocked()
    {
        long now = time.GetTimestamp();
        _ticks++;
        if (_previous != 0)
        {
            TimeSpan gap = time.GetElapsedTime(_previous, now);
            double late = Math.Max(0, (gap - period).TotalMilliseconds);
            _lateMs.Add(late);
            _missed += Math.Max(0, (long)Math.Round(gap / period) - 1);
        }
        _previous = now;
    }

    public double Percentile(double p)
    {
        double[] sorted;
        lock (_gate) sorted = [.. _lateMs.Order()];
        if (sorted.Length == 0) return 0;
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }

    public double MaxMs
    {
        get { lock (_gate) return _lateMs.Count == 0 ? 0 : _lateMs.Max(); }
    }

    public string Summary() =>
        $"ticks {Ticks}: late p50 {Percentile(50):0.0} ms, p99 {Percentile(99):0.0} ms, max {MaxMs:0.0} ms, missed {Missed}";
}
