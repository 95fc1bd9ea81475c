using System.Globalization;
using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>
/// The figure on the chapter's page is drawn from docs/traces/04-chat.trace, recorded by the hidden trace
/// verb against the real server. Recorded again, it must have the same shape (the reader reads every
/// line, sees the sleeper leave as too slow, and reads on), and the sleeper's outbox must have filled to
/// its capacity first: that is the figure's point.
/// </summary>
public sealed class TimelineTests
{
    private static readonly Lazy<string> Recorded = new(() => Timeline.RecordAsync(CancellationToken.None).GetAwaiter().GetResult());

    [Fact]
    public void The_sleeper_still_leaves_as_the_committed_figure_shows()
    {
        string committed = Repository.Read("docs/traces/04-chat.trace");
        Assert.Equal(TimeTrace.Shape(committed), TimeTrace.Shape(Recorded.Value));
    }

    [Fact]
    public void The_outbox_fills_to_its_capacity_before_the_sleeper_is_disconnected()
    {
        double[] levels = Recorded.Value.Split('\n').Select(line => line.Split('\t'))
            .Where(f => f.Length == 5 && f[2] == "level")
            .Select(f => double.Parse(f[3], CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(16, levels.Max());
        Assert.Equal(0, levels[0]); // first the kernel's buffers fill, then the outbox
    }
}
