using Course.Cli;
using Course.Testing;

namespace Dots.Tests;

/// <summary>
/// The figure on the chapter's page is drawn from docs/traces/02-threads.trace, recorded by the hidden
/// trace verb from the real server's trace points. Recorded again, it must have the same shape: the same
/// steps on each thread, in the same order, and every move going from a player's thread to the relay
/// thread and from the relay to both players.
/// </summary>
public sealed class TimelineTests
{
    [Fact]
    public void Two_moves_still_cross_the_threads_as_the_committed_figure_shows()
    {
        string recorded = Timeline.Record(CancellationToken.None);
        string committed = Repository.Read("docs/traces/02-threads.trace");
        Assert.Equal(TimeTrace.Shape(committed), TimeTrace.Shape(recorded));
    }
}
