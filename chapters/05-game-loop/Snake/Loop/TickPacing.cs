namespace Snake.Loop;

/// <summary>How a <see cref="TickLoop"/> waits between ticks.</summary>
public enum TickPacing
{
    /// <summary>
    /// A PeriodicTimer: ticks are due at start + n × period whatever each tick cost, so a slow tick is
    /// followed by a shorter wait and the loop never drifts. The default.
    /// </summary>
    Timer,

    /// <summary>
    /// The seed article's way: do the tick, then sleep a whole period. Every tick's own cost is added to
    /// the period, so the loop drifts slower the busier the server is. Kept for the benchmark.
    /// </summary>
    SleepAfterTick,
}
