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
/// The chapter's exercises, each with its test ready. To start exercise N, delete its Skip, run
/// <c>dotnet test tests/05-game-loop.Tests --filter ExerciseN</c> until it passes, then the whole project.
/// The tests use only what a browser or a user can: the web socket, its JSON, and the command line, so they
/// compile before any work is done and fail on an expectation that names what is missing.
/// </summary>
public sealed class ExerciseTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact(Skip = "Exercise 1 (spectators): delete this Skip when you start the exercise")]
    public async Task Exercise1_a_spectator_sees_the_game_but_has_no_snake()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { Time = time });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await using TestClient eve = await TestClient.ConnectAsync(server.EndPoint, name: "eve&spectate=1");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "ann and eve in the room");

        // Watching: every state, with the players' snakes only.
        time.Advance(Period);
        Assert.True(Snakes(await ann.ReceiveAsync()) == "ann", "the state ann gets should list ann's snake only: eve spectates");
        JsonElement watched = await eve.ReceiveAsync();
        Assert.True(Type(watched) == "state" && Snakes(watched) == "ann",
            $"eve (spectate=1) should get the room's state with ann's snake only; she got {watched}");

        // A key from a spectator is refused, and nothing changes for anyone.
        await eve.SendAsync("{\"type\":\"key\",\"key\":\"ArrowUp\"}");
        JsonElement answer = await eve.ReceiveAsync();
        Assert.True(Type(answer) == "error" && answer.GetProperty("message").GetString() == "spectators cannot steer",
            $"a key from a spectator should be answered with the error \"spectators cannot steer\"; eve got {answer}");
        time.Advance(Period);
        Assert.True(Snakes(await eve.ReceiveAsync()) == "ann", "after eve's key, the state should still list ann's snake only");
        await ann.ReceiveAsync();

        // A spectator keeps the room open like a player: once ann has gone, eve still watches, and sees no snake.
        await ann.CloseAsync();
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 1, "ann gone");
        time.Advance(Period);
        JsonElement empty = await eve.ReceiveAsync();
        Assert.True(Type(empty) == "state" && Snakes(empty) == "",
            $"once ann has left, eve should still get a state every tick, with no snake; she got {empty}");
    }

    [Fact(Skip = "Exercise 2 (pause when alone): delete this Skip when you start the exercise")]
    public async Task Exercise2_a_room_with_one_player_waits_for_a_second()
    {
        // The server as a user starts it, so this compiles before the option exists. Real time at two ticks
        // a second: slow enough that no state is replaced before it is read.
        await using RunningProcess server = RunningProcess.StartCourseProgram(
            "game-loop", "server", "--port", "0", "--tick-rate", "2", "--min-players", "2");
        string listening;
        try
        {
            listening = await server.WaitForLineAsync(l => l.Contains("listening on"), TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            Assert.Fail($"`server --min-players 2` should start and print its 'listening on' line; it ended first: {server.StandardError.Trim()}");
            throw;
        }
        var endPoint = new IPEndPoint(IPAddress.Loopback, int.Parse(Regex.Match(listening, @":(\d+)/").Groups[1].Value));

        // Alone for three periods: no tick. The first state comes once bob is there, and it is tick 1. (Bob's
        // first state tells: ann's would be tick 1 even if the room had ticked, waiting in her socket.)
        await using TestClient ann = await TestClient.ConnectAsync(endPoint, name: "ann");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using TestClient bob = await TestClient.ConnectAsync(endPoint, name: "bob");
        long first = Tick(await bob.ReceiveAsync());
        Assert.True(first == 1, $"ann's room should not tick while she is alone: bob's first state should be tick 1; it was tick {first}");
        Assert.True(Tick(await ann.ReceiveAsync()) == 1, "ann's first state should be tick 1 too, once bob is there");
        Assert.True(Tick(await bob.ReceiveAsync()) == 2, "with two players the room ticks on: bob's next state should be tick 2");

        // Alone again: the loop stops, and the game waits as it is. When carol arrives it goes on from there.
        await bob.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using TestClient carol = await TestClient.ConnectAsync(endPoint, name: "carol");
        long resumed = Tick(await carol.ReceiveAsync());
        Assert.True(resumed is 3 or 4,
            $"after bob left, ann's room should stop ticking until carol came, then go on where it stopped: carol's first state should be tick 3 or 4; it was tick {resumed}");
        long next = Tick(await carol.ReceiveAsync());
        Assert.True(next == resumed + 1, $"with ann and carol the room ticks again: carol's next state should be tick {resumed + 1}; it was tick {next}");
    }

    [Fact(Skip = "Exercise 3 (speed boost): delete this Skip when you start the exercise")]
    public async Task Exercise3_a_boost_moves_two_cells_per_tick_for_ten_ticks_and_costs_a_point()
    {
        // A boost costs a point, so ann needs one first: with seed 325 her new snake finds food right in
        // front of it and eats it on tick 1 (checked below; if the game's random draws ever change, pick
        // another seed where that is true).
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null,
            new RoomOptions { Time = time, Seed = 325, Rules = new Snake.Game.GameRules { Width = 60, Height = 60 } });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");

        await ann.SendAsync("{\"type\":\"boost\"}");
        JsonElement refused = await ann.ReceiveAsync();
        Assert.True(Type(refused) == "error" && refused.GetProperty("message").GetString() == "a boost costs a point: you have none",
            $"a boost at score 0 should be refused with the error \"a boost costs a point: you have none\"; ann got {refused}");

        time.Advance(Period);
        JsonElement snake = Ann(await ann.ReceiveAsync());
        Assert.True(snake.GetProperty("score").GetInt32() == 1, "the test's own premise: with seed 325 ann eats on tick 1");

        // Turn towards the far side of the grid, so twenty-odd cells of straight run fit before a wall.
        (int x, int y) = Head(snake);
        string heading = snake.GetProperty("heading").GetString()!;
        string key = heading is "left" or "right" ? (y > 30 ? "ArrowUp" : "ArrowDown") : (x > 30 ? "ArrowLeft" : "ArrowRight");
        await ann.SendAsync($"{{\"type\":\"key\",\"key\":\"{key}\"}}");
        time.Advance(Period);
        snake = Ann(await ann.ReceiveAsync());

        // Messages are handled in order: once the answer to "sync" (an unknown type) arrives, the boost has
        // been handled, and granted, since a granted boost has no answer of its own.
        await ann.SendAsync("{\"type\":\"boost\"}");
        await ann.SendAsync("{\"type\":\"sync\"}");
        JsonElement reply = await ann.ReceiveAsync();
        Assert.True(reply.GetProperty("message").GetString() == "unknown message type \"sync\"",
            $"a granted boost should get no answer (the next states show it); ann got {reply}");

        for (int tick = 1; tick <= 12; tick++)
        {
            (int fromX, int fromY) = Head(snake);
            time.Advance(Period);
            snake = Ann(await ann.ReceiveAsync());
            Assert.True(snake.GetProperty("body").GetArrayLength() > 0, $"ann's snake died on tick {tick} after the boost: the test's premise is a clear run");
            (int toX, int toY) = Head(snake);
            int moved = Math.Abs(toX - fromX) + Math.Abs(toY - fromY);
            int expected = tick <= 10 ? 2 : 1;
            Assert.True(moved == expected, tick <= 10
                ? $"on tick {tick} of the boost ann's head should move 2 cells; it moved {moved}"
                : $"the boost lasts 10 ticks: on the {tick}th tick after it ann's head should move 1 cell again; it moved {moved}");
            if (tick == 1)
                Assert.True(snake.GetProperty("score").GetInt32() == 0, $"the boost should cost ann her point: score 0 on its first tick, not {snake.GetProperty("score").GetInt32()}");
        }
    }

    [Fact(Skip = "Exercise 4 (the server's own lateness): delete this Skip when you start the exercise")]
    public async Task Exercise4_a_closing_room_reports_how_late_its_ticks_started()
    {
        // Game time is the test's: each Advance is how far the clock moves before the tick gets to run.
        var time = new FakeTimeProvider();
        var log = new Transcript();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time });
        await using (TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann"))
        {
            await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");
            // Ticks 1-3 start when due; ticks 4-9 each start 30 ms after they were due (the clock got 30 ms
            // behind once and stayed so); tick 10 starts 40 ms late.
            int[] advances = [100, 100, 100, 130, 100, 100, 100, 100, 100, 110];
            for (int tick = 1; tick <= advances.Length; tick++)
            {
                time.Advance(TimeSpan.FromMilliseconds(advances[tick - 1]));
                long got = (await ann.ReceiveAsync()).GetProperty("tick").GetInt64();
                Assert.True(got == tick, $"ann should get tick {tick} now; she got tick {got}");
            }
            Assert.True(!Regex.IsMatch(log.Raw, "lateness"), $"nothing about lateness while the room still plays; the log has:\n{log.Raw}");
            await ann.CloseAsync();
        }
        await Servers.EventuallyAsync(() => log.Raw.Contains("room closed"), "ann's room to close");

        // Against the schedule (start + n x period): 0, 0, 0, then 30 six times, then 40. Nearest rank:
        // p50 is the 5th of the 10 sorted, p99 the 10th. (Gap minus period would say 30 once, then 0s, then 10.)
        const string First = "room lobby: 10 ticks, lateness p50 30.0 ms, p99 40.0 ms";
        Assert.True(log.Raw.Contains(First), $"when the room closes the server should log '{First}'; the log has:\n{log.Raw}");

        // A new room starts its own count: two ticks, each on time.
        await using (TestClient cat = await TestClient.ConnectAsync(server.EndPoint, name: "cat"))
        {
            await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "cat's room");
            for (int tick = 1; tick <= 2; tick++)
            {
                time.Advance(Period);
                Assert.Equal(tick, (await cat.ReceiveAsync()).GetProperty("tick").GetInt64());
            }
            await cat.CloseAsync();
        }
        await Servers.EventuallyAsync(() => Regex.Matches(log.Raw, "room closed").Count == 2, "cat's room to close");
        const string Second = "room lobby: 2 ticks, lateness p50 0.0 ms, p99 0.0 ms";
        Assert.True(log.Raw.Contains(Second), $"the second room should report its own two ticks: '{Second}'; the log has:\n{log.Raw}");
        string[] lines = log.Raw.Split('\n');
        int closed = Array.FindLastIndex(lines, l => l.Contains("room closed")), reported = Array.FindLastIndex(lines, l => l.Contains(Second));
        Assert.True(closed >= 0 && reported == closed - 1, $"the lateness line should come right before 'loop stopped, room closed'; the log has:\n{log.Raw}");
    }

    private static string? Type(JsonElement message) => message.TryGetProperty("type", out JsonElement type) ? type.GetString() : null;

    /// <summary>The names of the snakes in a state, in order, joined with commas ("" for none).</summary>
    private static string Snakes(JsonElement state) =>
        state.TryGetProperty("snakes", out JsonElement snakes) ? string.Join(",", snakes.EnumerateArray().Select(s => s.GetProperty("name").GetString())) : $"(not a state: {state})";

    private static long Tick(JsonElement state) => state.TryGetProperty("tick", out JsonElement tick) ? tick.GetInt64() : -1;

    private static JsonElement Ann(JsonElement state) => state.GetProperty("snakes").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "ann");

    private static (int X, int Y) Head(JsonElement snake)
    {
        JsonElement head = snake.GetProperty("body")[0];
        return (head[0].GetInt32(), head[1].GetInt32());
    }
}
