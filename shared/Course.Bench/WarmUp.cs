using System.Diagnostics;
using System.Globalization;

namespace Course.Bench;

/// <summary>
/// Warming up until the figure stops moving, rather than for a fixed count: the JIT compiles a hot method
/// again, optimised, after 30 calls and a pause (tiered compilation), a long loop is replaced while it runs
/// (on-stack replacement), connections grow their buffers, the thread pool finds its size. None of that
/// is over after "200 calls".
/// </summary>
/// <remarks>
/// 1. Measure one short window and reduce it to one figure (a median).
/// 2. Once at least <c>atLeast</c> has passed, stop when the last two windows agree: within
///    <c>tolerance</c> of the larger one, or within <c>absolute</c> (below that, differences are noise of
///    the clock, not warming up).
/// 3. Stop anyway at <c>atMost</c>, and say the figures were not steady: the bench prints that, and a
///    reader knows to distrust the run.
/// </remarks>
public static class WarmUp
{
    public static WarmUpReport UntilSteady(Func<double> window, TimeSpan atLeast, TimeSpan atMost, double tolerance = 0.10, double absolute = 0,
        CancellationToken cancel = default) =>
        UntilSteadyAsync(_ => Task.FromResult(window()), atLeast, atMost, tolerance, absolute, cancel).GetAwaiter().GetResult();

    public static async Task<WarmUpReport> UntilSteadyAsync(Func<CancellationToken, Task<double>> window, TimeSpan atLeast, TimeSpan atMost,
        double tolerance = 0.10, double absolute = 0, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        double previous = double.NaN;
        int windows = 0;
        while (true)
        {
            double figure = await window(cancel).ConfigureAwait(false);
            windows++;
            double difference = Math.Abs(figure - previous);
            bool agree = !double.IsNaN(previous) && (difference <= tolerance * Math.Max(Math.Abs(figure), Math.Abs(previous)) || difference <= absolute);
            if ((agree && clock.Elapsed >= atLeast) || clock.Elapsed >= atMost || cancel.IsCancellationRequested)
                return new WarmUpReport(clock.Elapsed, windows, agree, previous, figure, tolerance);
            previous = figure;
        }
    }
}

/// <summary>How a warm-up ended: after how long, how many windows, and whether the figure had settled.</summary>
public sealed record WarmUpReport(TimeSpan Took, int Windows, bool Steady, double Previous, double Last, double Tolerance)
{
    /// <summary>"steady after 1.4 s (7 windows; the last two medians 23.1 and 22.9 µs)", in the unit given.</summary>
    public string Describe(string unit, double scale = 1) => string.Create(CultureInfo.InvariantCulture,
        $"{(Steady ? "steady" : "NOT steady")} after {Took.TotalSeconds:0.0} s ({Windows} windows; the last two medians {Previous * scale:0.###} and {Last * scale:0.###} {unit}" +
        $"{(Steady ? "" : $", more than {Tolerance:P0} apart: distrust this row")})");
}
