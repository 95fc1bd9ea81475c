using System.Net.WebSockets;
using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;
using Snake.Rooms;
using Snake.Web;

namespace GameLoop.Tests;

/// <summary>When the loop runs: first player in starts it, last player out stops it, and never twice.</summary>
public sealed class LoopLifecycleTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Starts_on_first_join_stops_on_last_leave_and_starts_again()
    {
        var time = new FakeTimeProvider();
        var log = new Transcript();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time });
        Assert.Empty(server.Rooms.Rooms); // nobody here: no room, no loop, no ticking

        await using (TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann"))
        {
            await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");
            time.Advance(Period);
            Assert.Equal(1, (await ann.ReceiveAsync()).GetProperty("tick").GetInt64());

            await using (TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob"))
            {
                await Servers.EventuallyAsync(() => server.Rooms.Rooms.Single().Count == 2, "bob in the room");
                time.Advance(Period);
                Assert.Equal(2, (await bob.ReceiveAsync()).GetProperty("tick").GetInt64());
                await bob.CloseAsync();
            }
            await Servers.EventuallyAsync(() => server.Rooms.Rooms.Single().Count == 1, "bob gone");
            await ann.CloseAsync();
        }
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 0 && log.Raw.Contains("loop stopped"), "the room closed");

        // A newcomer gets a new room, whose loop starts from tick 1 again.
        await using (TestClient cat = await TestClient.ConnectAsync(server.EndPoint, name: "cat"))
        {
            await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "cat's room");
            time.Advance(Period);
            Assert.Equal(1, (await cat.ReceiveAsync()).GetProperty("tick").GetInt64());
            await cat.CloseAsync();
        }
        await Servers.EventuallyAsync(() => log.Raw.Split("loop stopped").Length == 3, "the second room closed");
        Snapshot.Match(log.ToString());
    }

    [Fact]
    public async Task Twenty_players_joining_at_once_start_one_loop()
    {
        // Real time here: the race is between real connections arriving together.
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { TickRate = 20 });
        TestClient[] players = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TestClient.ConnectAsync(server.EndPoint)));
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 20, "all twenty in the room");
        Room room = Assert.Single(server.Rooms.Rooms);
        Assert.Equal(1, room.Loop.Starts);

        // Two loops would each count from 1, so a player would see a tick number repeat or go back. (A
        // number may be skipped: the outbox keeps only the newest state, and on a busy machine a send can
        // take longer than a tick.)
        foreach (TestClient player in players)
        {
            long previous = (await player.ReceiveUntilAsync(m => m.GetProperty("type").GetString() == "state")).GetProperty("tick").GetInt64();
            for (int i = 1; i <= 5; i++)
            {
                long next = (await player.ReceiveAsync()).GetProperty("tick").GetInt64();
                Assert.True(next > previous, $"tick {next} came after tick {previous}");
                previous = next;
            }
        }
        await Task.WhenAll(players.Select(p => p.CloseAsync()));
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 0, "the room closed");
        foreach (TestClient player in players) await player.DisposeAsync();
    }

    [Fact]
    public async Task Each_room_has_its_own_loop_and_tick_count()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { Time = time });
        await using TestClient red = await TestClient.ConnectAsync(server.EndPoint, room: "red");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "red");
        time.Advance(Period);
        time.Advance(Period);
        Assert.Equal(2, (await red.ReceiveUntilAsync(m => m.GetProperty("tick").GetInt64() == 2)).GetProperty("tick").GetInt64());

        await using TestClient blue = await TestClient.ConnectAsync(server.EndPoint, room: "blue");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 2, "blue");
        time.Advance(Period);
        var blueState = await blue.ReceiveAsync();
        Assert.Equal(1, blueState.GetProperty("tick").GetInt64());
        Assert.Equal(3, (await red.ReceiveAsync()).GetProperty("tick").GetInt64());
        // Players of one room never see the other room's snakes.
        Assert.Equal(1, blueState.GetProperty("snakes").GetArrayLength());
    }

    [Fact]
    public async Task A_failing_tick_is_logged_and_closes_only_its_room()
    {
        var time = new FakeTimeProvider();
        var log = new Transcript();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time, FailOnTick = 2 });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "ann's room");
        time.Advance(Period);
        Assert.Equal(1, (await ann.ReceiveAsync()).GetProperty("tick").GetInt64());

        time.Advance(Period); // tick 2 throws
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await ann.ReceiveCloseAsync());
        await Servers.EventuallyAsync(() => log.Raw.Contains("loop stopped"), "the failed room closed");
        Assert.Contains("tick 2 failed: System.InvalidOperationException: test failure injected in tick 2", log.Raw);
        Assert.Contains("   at ", log.Raw); // the stack trace is in the log, not lost in an unobserved task

        // The server itself is fine: the next player gets a fresh room that ticks.
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 1, "bob's room");
        time.Advance(Period);
        Assert.Equal(1, (await bob.ReceiveAsync()).GetProperty("tick").GetInt64());
    }
}
