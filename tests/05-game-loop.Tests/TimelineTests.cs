using System.Globalization;
using Course.Cli;
using Course.Testing;

namespace GameLoop.Tests;

/// <summary>
/// The figure on the chapter's page is drawn from docs/traces/05-game-loop.trace, recorded by the hidden
/// trace verb. These tests record it again: the same ticks on the same lanes, and the drift the figure is
/// about, checked as a floor (a busy machine only makes sleep-after-tick later still).
/// </summary>
public sealed class TimelineTests
{
    private static readonly Lazy<string> Recorded = new(() => Timeline.RecordAsync(CancellationToken.None).GetAwaiter().GetResult());

    [Fact]
    public void The_ticks_still_have_the_shape_of_the_committed_figure()
    {
        string committed = Repository.Read("docs/traces/05-game-loop.trace");
        Assert.Equal(TimeTrace.Shape(committed), TimeTrace.Shape(Recorded.Value));
    }

    [Fact]
    public void Sleeping_after_each_tick_starts_the_tenth_tick_at_least_nine_ticks_of_work_late()
    {
        // Each period is 50 ms + the tick's 12 ms of work + however late the sleep wakes: tick 10 starts at
        // least 9 x 12 ms after the 500 ms it is due at.
        double tenth = SpanStart("sleep/ticks", "tick 10");
        Assert.True(tenth >= 500 + 9 * 12, $"sleep-after-tick started tick 10 at {tenth} ms: it did not drift");
    }

    private static double SpanStart(string lane, string label) =>
        Recorded.Value.Split('\n').Select(line => line.Split('\t'))
            .Where(f => f.Length == 5 && f[1] == lane && f[2] == "span" && f[4] == label)
            .Select(f => double.Parse(f[0], CultureInfo.InvariantCulture))
            .Single();
}
