using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>
/// Client-side prediction and reconciliation under a simulated 150 ms each way (a 300 ms round trip), on
/// game time: your own cell answers the key on the same frame, and settles where the server says it is.
/// </summary>
public sealed class PredictionTests
{
    private static NetworkGameOptions Laggy(TestClock clock) => new() { Name = "Lagged", Lag = TimeSpan.FromMilliseconds(150), Time = clock.Time };

    [Fact]
    public async Task With_prediction_the_own_cell_moves_on_the_same_frame_and_converges_to_the_server()
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { PelletTarget = 0, Seed = 6 }, time: clock.Time);
        await using NetworkGame game = await NetworkGame.JoinAsync(server.EndPoint, Laggy(clock));
        await Settle(clock, game);

        Vec2 before = game.DrawnPosition;
        double sign = before.X < 1000 ? 1 : -1;
        game.Steer(new Vec2(sign, 0));
        game.Step();
        // The input is still 150 ms from the server, yet the cell has already moved, by exactly one tick.
        double oneTick = new WorldSettings().SpeedOf(10) * new WorldSettings().TickSeconds;
        Assert.Equal(before.X + sign * oneTick, game.DrawnPosition.X, 6);
        Assert.Equal(before.X, game.ServerPosition.X, 6);

        // Keep steering for a few ticks, then stop and let the server's answers come back.
        await clock.Pass(5 * TestClock.Tick.TotalSeconds, everyTick: game.Step);
        game.Steer(Vec2.Zero);
        game.Step(); // the server keeps a player's last direction: say "stop" once
        await Settle(clock, game);

        Vec2 onServer = server.Server.Read(room => room.World.Find(game.YouId)!.Position);
        Assert.True(Math.Abs(game.DrawnPosition.X - onServer.X) < 0.1, $"drawn at {game.DrawnPosition}, server has {onServer}");
        Assert.True(Math.Abs(game.DrawnPosition.Y - onServer.Y) < 0.1, $"drawn at {game.DrawnPosition}, server has {onServer}");
        Assert.True(sign * (onServer.X - before.X) > 4 * oneTick, "the server applied the inputs");
    }

    [Fact]
    public async Task Without_prediction_the_own_cell_waits_a_round_trip_then_moves()
    {
        await using var clock = new TestClock();
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { PelletTarget = 0, Seed = 6 }, time: clock.Time);
        await using NetworkGame game = await NetworkGame.JoinAsync(server.EndPoint, Laggy(clock) with { Prediction = false });
        await Settle(clock, game);

        Vec2 before = game.DrawnPosition;
        game.Steer(new Vec2(before.X < 1000 ? 1 : -1, 0));
        game.Step();
        TimeSpan sent = clock.Elapsed;
        Assert.Equal(before, game.DrawnPosition); // nothing until the server's answer is back

        // It moves once the round trip is over: 300 ms of lag, plus at most a tick for each of the client's
        // send slot, the server's tick, its send slot and the client's next frame, and two of slack for the
        // test's clock, which may run a little ahead of the sockets on a busy machine.
        await clock.Until(() => game.DrawnPosition != before, "the cell moved", gameSeconds: 2, everyTick: game.Step);
        TimeSpan waited = clock.Elapsed - sent;
        Assert.True(waited >= TimeSpan.FromMilliseconds(300), $"the cell moved after {waited.TotalMilliseconds:0} ms, sooner than the 300 ms round trip");
        Assert.True(waited <= TimeSpan.FromMilliseconds(300) + 6 * TestClock.Tick, $"the cell moved only after {waited.TotalMilliseconds:0} ms");

        game.Toggle('p');
        Assert.True(game.Prediction);
        Assert.Contains("PREDICTION ON", game.Status);
    }

    /// <summary>Sends nothing new and waits until every input sent has been confirmed by the server.</summary>
    private static Task Settle(TestClock clock, NetworkGame game) =>
        clock.Until(() => game.PendingInputs == 0 && game.ViewsApplied > 10, "all inputs confirmed", everyTick: () => game.View());
}
