using Agar.Game;
using Agar.Net;

namespace Agar.Tests.Net;

/// <summary>
/// Client-side prediction and reconciliation under a simulated 150 ms each way (a 300 ms round trip):
/// your own cell answers the key on the same frame, and settles where the server says it is.
/// </summary>
public sealed class PredictionTests
{
    private static readonly NetworkGameOptions Laggy = new() { Name = "Lagged", Lag = TimeSpan.FromMilliseconds(150) };

    [Fact]
    public async Task With_prediction_the_own_cell_moves_on_the_same_frame_and_converges_to_the_server()
    {
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { PelletTarget = 0, Seed = 6 });
        await using NetworkGame game = await NetworkGame.JoinAsync(server.EndPoint, Laggy);
        await Settle(game);

        Vec2 before = game.DrawnPosition;
        double sign = before.X < 1000 ? 1 : -1;
        game.Steer(new Vec2(sign, 0));
        game.Step();
        // The input is still 150 ms from the server, yet the cell has already moved, by exactly one tick.
        double oneTick = new WorldSettings().SpeedOf(10) * new WorldSettings().TickSeconds;
        Assert.Equal(before.X + sign * oneTick, game.DrawnPosition.X, 6);
        Assert.Equal(before.X, game.ServerPosition.X, 6);

        // Keep steering for a few ticks, then stop and let the server's answers come back.
        for (int i = 0; i < 5; i++) { game.Step(); await Task.Delay(33); }
        game.Steer(Vec2.Zero);
        game.Step(); // the server keeps a player's last direction: say "stop" once
        await Settle(game);

        Vec2 onServer = server.Server.Read(room => room.World.Find(game.YouId)!.Position);
        Assert.True(Math.Abs(game.DrawnPosition.X - onServer.X) < 0.1, $"drawn at {game.DrawnPosition}, server has {onServer}");
        Assert.True(Math.Abs(game.DrawnPosition.Y - onServer.Y) < 0.1, $"drawn at {game.DrawnPosition}, server has {onServer}");
        Assert.True(sign * (onServer.X - before.X) > 4 * oneTick, "the server applied the inputs");
    }

    [Fact]
    public async Task Without_prediction_the_own_cell_waits_a_round_trip()
    {
        await using TestServer server = await TestServer.StartAsync(new WorldSettings { PelletTarget = 0, Seed = 6 });
        await using NetworkGame game = await NetworkGame.JoinAsync(server.EndPoint, Laggy with { Prediction = false });
        await Settle(game);

        Vec2 before = game.DrawnPosition;
        game.Steer(new Vec2(before.X < 1000 ? 1 : -1, 0));
        game.Step();
        Assert.Equal(before, game.DrawnPosition); // nothing until the server's answer is back

        game.Toggle('p');
        Assert.True(game.Prediction);
        Assert.Contains("PREDICTION ON", game.Status);
    }

    /// <summary>Sends nothing new and waits until every input sent has been confirmed by the server.</summary>
    private static Task Settle(NetworkGame game) =>
        TestServer.Eventually(() => game.PendingInputs == 0 && game.ViewsApplied > 10, "all inputs confirmed",
            meanwhile: () => game.View());
}
