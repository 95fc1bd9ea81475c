using Course.Cli;
using Microsoft.Extensions.Time.Testing;
using Snake.Rooms;
using Snake.Web;

namespace GameLoop.Tests;

/// <summary>
/// The chapter's exercises, each with its test ready. Delete the Skip of the exercise you are doing,
/// make the test pass, and keep every other test green.
/// </summary>
public sealed class ExerciseTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact(Skip = "Exercise 1: spectators. Delete this Skip when /connect?spectate=1 watches without a snake.")]
    public async Task Exercise1_a_spectator_sees_the_game_but_has_no_snake()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { Time = time });
        await using TestClient player = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await using TestClient watcher = await TestClient.ConnectAsync(server.EndPoint, name: "eve&spectate=1");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "both connected");

        time.Advance(Period);
        var state = await watcher.ReceiveAsync();
        Assert.Equal(1, state.GetProperty("snakes").GetArrayLength()); // ann's only

        await watcher.SendAsync("{\"type\":\"key\",\"key\":\"ArrowUp\"}");
        Assert.Equal("spectators cannot steer", (await watcher.ReceiveAsync()).GetProperty("message").GetString());
    }

    [Fact(Skip = "Exercise 2: pause when alone. Delete this Skip when a room with one player does not tick.")]
    public async Task Exercise2_a_room_with_one_player_waits_for_a_second()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { Time = time });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");
        for (int i = 0; i < 3; i++) time.Advance(Period); // alone: no ticks

        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Single().Count == 2, "bob in");
        time.Advance(Period);
        Assert.Equal(1, (await bob.ReceiveAsync()).GetProperty("tick").GetInt64());
        Assert.Equal(1, (await ann.ReceiveAsync()).GetProperty("tick").GetInt64());
    }

    [Fact(Skip = "Exercise 3: speed boost. Delete this Skip when {\"type\":\"boost\"} moves your snake two cells a tick.")]
    public async Task Exercise3_a_boost_moves_two_cells_per_tick_and_costs_a_point()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null,
            new RoomOptions { Time = time, Rules = new Snake.Game.GameRules { Width = 60, Height = 60 } });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");
        time.Advance(Period);
        var before = (await ann.ReceiveAsync()).GetProperty("snakes")[0].GetProperty("body")[0];

        await ann.SendAsync("{\"type\":\"boost\"}");
        await Task.Delay(200); // let the server read it before the tick (real time; the game's time is fake)
        time.Advance(Period);
        var after = (await ann.ReceiveAsync()).GetProperty("snakes")[0].GetProperty("body")[0];
        int moved = Math.Abs(after[0].GetInt32() - before[0].GetInt32()) + Math.Abs(after[1].GetInt32() - before[1].GetInt32());
        Assert.Equal(2, moved);
    }
}
