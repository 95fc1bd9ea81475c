using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>
/// What a client reports as it plays (the netcode lab's timeline draws it), reconciliation switched off,
/// and a server that sends views only every few ticks: on game time, with a simulated 150 ms each way.
/// </summary>
public sealed class ReportTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Inputs_views_and_corrections_are_reported_and_without_reconciliation_the_cell_stays_a_round_trip_behind(bool reconciliation)
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { PelletTarget = 0, Seed = 6 }, time: clock.Time);
        var moments = new List<ClientMoment>();
        await using NetworkGame game = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions
        {
            Name = "Steered", Lag = TimeSpan.FromMilliseconds(150), Time = clock.Time, Reconciliation = reconciliation, Report = moments.Add,
        });
        await clock.Until(() => game.PendingInputs == 0 && game.ViewsApplied > 10, "settled", everyTick: () => game.View());
        moments.Clear();

        Vec2 start = game.DrawnPosition;
        game.Steer(new Vec2(start.X < 1000 ? 1 : -1, 0));
        await clock.Pass(1.5, everyTick: game.Step);

        // Each input is reported once, in order, with the direction it carried.
        List<ClientMoment> sent = [.. moments.Where(m => m.Kind == MomentKind.InputSent)];
        Assert.InRange(sent.Count, 40, 50);
        Assert.Equal(Enumerable.Range((int)sent[0].Input, sent.Count).Select(n => (uint)n), sent.Select(m => m.Input));
        Assert.All(sent, m => Assert.Equal(1, Math.Abs(m.Direction.X)));
        // Views confirm inputs sent earlier, never later than the newest.
        List<ClientMoment> views = [.. moments.Where(m => m.Kind == MomentKind.ViewApplied)];
        Assert.True(views.Count > 30, $"{views.Count} views applied in 1.5 s");
        Assert.All(views, v => Assert.True(v.Input <= sent[^1].Input));

        // A round trip of 300 ms is at least 9 ticks of travel. With reconciliation the cell is drawn that far
        // ahead of the server's last word: where your keys put it. Without, every view (until the server has seen
        // the key) pulls the cell back to the server's word, one tick's travel each time, and reports it.
        double oneTick = new WorldSettings().SpeedOf(10) * new WorldSettings().TickSeconds;
        double ahead = Math.Abs(game.DrawnPosition.X - game.ServerPosition.X);
        List<ClientMoment> jumps = [.. moments.Where(m => m.Kind == MomentKind.Corrected)];
        if (reconciliation)
        {
            Assert.True(ahead >= 9 * oneTick, $"drawn only {ahead:0.0} units ahead of the server's word");
        }
        else
        {
            Assert.True(ahead <= 3 * oneTick + 0.1, $"drawn {ahead:0.0} units ahead of the server's word");
            Assert.True(jumps.Count >= 5, $"only {jumps.Count} jumps back reported");
            Assert.All(jumps, j => Assert.InRange(j.Distance, 0.5, 5 * oneTick));
        }
    }

    [Fact]
    public async Task A_server_sending_a_view_every_third_tick_is_seen_ten_times_a_second()
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(TestServer.SmallWorld(), time: clock.Time);
        server.Server.TicksPerView = 3;
        var views = new List<ClientMoment>();
        await using NetworkGame game = await NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions
        {
            Name = "Patient", Time = clock.Time, Report = m => { if (m.Kind == MomentKind.ViewApplied) views.Add(m); },
        });
        views.Clear();
        await clock.Pass(2, everyTick: game.Step);

        Assert.All(views, v => Assert.Equal(0, v.Tick % 3));
        Assert.InRange(views.Count, 17, 21);
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Server.TicksPerView = 0);
    }
}
