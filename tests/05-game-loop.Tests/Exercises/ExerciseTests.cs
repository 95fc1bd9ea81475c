using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Cli;
using Course.Testing;
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

    [Fact(Skip = "Exercise 2: pause when alone. Delete this Skip when server --min-players 2 keeps a lone player's room from ticking.")]
    public async Task Exercise2_a_room_with_one_player_waits_for_a_second()
    {
        // The server as a user starts it, so this compiles before the option exists. Real time, at one
        // tick a second: slow enough that no state is ever replaced before it is sent.
        await using RunningProcess server = RunningProcess.StartCourseProgram(
            "game-loop", "server", "--port", "0", "--tick-rate", "1", "--min-players", "2");
        string listening = await server.WaitForLineAsync(l => l.Contains("listening on"), TimeSpan.FromSeconds(30));
        var endPoint = new IPEndPoint(IPAddress.Loopback, int.Parse(Regex.Match(listening, @":(\d+)/").Groups[1].Value));
        await using TestClient ann = await TestClient.ConnectAsync(endPoint, name: "ann");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // alone: a room that ticked would be at tick 2 by now

        await using TestClient bob = await TestClient.ConnectAsync(endPoint, name: "bob");
        Assert.Equal(1, (await bob.ReceiveAsync()).GetProperty("tick").GetInt64());
        Assert.Equal(1, (await ann.ReceiveAsync()).GetProperty("tick").GetInt64());
    }

    [Fact(Skip = "Exercise 3: speed boost. Delete this Skip when a boost message moves your snake two cells a tick.")]
    public async Task Exercise3_a_boost_moves_two_cells_per_tick_and_costs_a_point()
    {
        // A boost costs a point, so ann needs one first: with seed 325 her new snake finds food right in
        // front of it and eats it on tick 1 (checked below; if the game's random draws ever change, pick
        // another seed where that is true).
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null,
            new RoomOptions { Time = time, Seed = 325, Rules = new Snake.Game.GameRules { Width = 60, Height = 60 } });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");

        await ann.SendAsync("{\"type\":\"boost\"}"); // score 0: refused
        Assert.Equal("error", (await ann.ReceiveAsync()).GetProperty("type").GetString());

        time.Advance(Period);
        JsonElement snake = (await ann.ReceiveAsync()).GetProperty("snakes")[0];
        Assert.Equal(1, snake.GetProperty("score").GetInt32()); // the test's own premise: ann ate on tick 1
        JsonElement before = snake.GetProperty("body")[0];

        await ann.SendAsync("{\"type\":\"boost\"}");
        // Messages are handled in order: once the reply to this one arrives, the boost has been handled
        // (granted, so without a reply of its own).
        await ann.SendAsync("{\"type\":\"sync\"}");
        Assert.Equal("unknown message type \"sync\"", (await ann.ReceiveAsync()).GetProperty("message").GetString());
        time.Advance(Period);
        snake = (await ann.ReceiveAsync()).GetProperty("snakes")[0];
        JsonElement after = snake.GetProperty("body")[0];
        int moved = Math.Abs(after[0].GetInt32() - before[0].GetInt32()) + Math.Abs(after[1].GetInt32() - before[1].GetInt32());
        Assert.Equal(2, moved);
        Assert.Equal(0, snake.GetProperty("score").GetInt32()); // the point it cost
    }
}
