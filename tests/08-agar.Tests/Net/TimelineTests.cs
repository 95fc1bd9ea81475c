using System.Globalization;
using Course.Cli;
using Course.Testing;

namespace Agar.Tests.Net;

/// <summary>
/// The figure on the chapter's page is drawn from docs/traces/08-agar.trace, recorded by the hidden trace
/// verb. These tests record it again: the same lanes and marks, and what the figure is about: your cell
/// moves on your screen before the server says so, and the other player is drawn behind its newest view.
/// </summary>
public sealed class TimelineTests
{
    private static readonly Lazy<string> Recorded = new(() => TraceCommand.RecordAsync(CancellationToken.None).GetAwaiter().GetResult());

    [Fact]
    public void The_run_still_has_the_shape_of_the_committed_figure()
    {
        string committed = Repository.Read("docs/traces/08-agar.trace");
        Assert.Equal(TimeTrace.Shape(committed), TimeTrace.Shape(Recorded.Value));
    }

    [Fact]
    public void Prediction_moves_your_cell_a_round_trip_before_the_server_does()
    {
        // The first moment each lane shows the cell 10 units on its way.
        double predicted = FirstAbove("you/drawn (predicted)", 10) ?? double.NaN, confirmed = FirstAbove("you/server's word", 10) ?? double.NaN;
        Assert.True(confirmed - predicted >= 150, $"predicted at {predicted} ms, confirmed at {confirmed} ms: less than a 200 ms round trip apart");
    }

    [Fact]
    public void The_other_player_is_drawn_behind_its_newest_view()
    {
        // How much later the drawing reaches a distance than the newest view did, at every 10 units both
        // reach. The median, not one crossing: views that a busy machine delivers in a burst make the newest
        // view jump, and at that one distance the drawing (100 ms in the past) is already there too.
        var delays = Enumerable.Range(1, 30).Select(step => step * 10.0)
            .Select(units => (Newest: FirstAbove("other/newest view", units), Drawn: FirstAbove("other/drawn", units)))
            .Where(c => c.Newest is not null && c.Drawn is not null)
            .Select(c => c.Drawn!.Value - c.Newest!.Value)
            .Order().ToArray();
        Assert.True(delays.Length >= 3, $"the other player moved too little in the run to judge ({delays.Length} distances reached)");
        double median = delays[delays.Length / 2];
        Assert.True(median >= 50, $"the drawing reached each distance a median {median:0.#} ms after the newest view did " +
            $"({string.Join(", ", delays.Select(d => d.ToString("0.#", CultureInfo.InvariantCulture)))} ms): not drawn in the past");
    }

    private static double? FirstAbove(string lane, double units) =>
        Recorded.Value.Split('\n').Select(line => line.Split('\t'))
            .Where(f => f.Length == 5 && f[1] == lane && f[2] == "level" && double.Parse(f[3], CultureInfo.InvariantCulture) > units)
            .Select(f => (double?)double.Parse(f[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
