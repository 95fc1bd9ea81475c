using System.Globalization;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>
/// The figure on the chapter's page is drawn from docs/traces/01-echo.trace, recorded by the trace verb.
/// These tests record it again and check the code still does what the figure shows: the same events, in
/// the same order, on the same lanes. Times differ from run to run and are not compared, except the one
/// the figure is about, the seed's stall, which has a floor: a busy machine only makes it longer.
/// </summary>
public sealed class TimelineTests
{
    private static readonly Lazy<string> Recorded = new(() => Timeline.Record(CancellationToken.None));

    [Fact]
    public void The_round_trips_still_have_the_shape_of_the_committed_figure()
    {
        string committed = Repository.Read("docs/traces/01-echo.trace");
        Assert.Equal(TimeTrace.Shape(committed), TimeTrace.Shape(Recorded.Value));
    }

    [Fact]
    public void The_seed_waits_for_the_delayed_ack_and_ours_does_not_wait()
    {
        // The span line: "<start>\tseed/client\tspan\t<length in ms>\twaits for the rest of the echo".
        string[] waits = Recorded.Value.Split('\n').Where(line => line.Contains("\tspan\t")).ToArray();
        string seed = Assert.Single(waits);
        Assert.Contains("seed/client", seed);
        double waited = double.Parse(seed.Split('\t')[3], CultureInfo.InvariantCulture);
        Assert.True(waited >= 20, $"the seed's second half came after {waited} ms: no delayed-ACK stall, so the figure would be wrong");
    }
}
