using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;
using Snake.Rooms;
using Snake.Web;

namespace GameLoop.Tests;

/// <summary>What one player can send (or not do) must never hurt another: each case keeps an eye on bob.</summary>
public sealed class BadInputTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Malformed_and_unknown_messages_get_an_error_reply()
    {
        var log = new Transcript();
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time });
        await using TestClient mallory = await TestClient.ConnectAsync(server.EndPoint, name: "mallory");

        var replies = new List<string>();
        foreach (string text in new[] { "[1,2,3]", "{\"type\":\"teleport\",\"x\":5}", "{\"type\":\"key\"}",
                     "{\"type\":\"key\",\"key\":\"F5\"}", "{\"type\":\"key\",\"key\":\"ArrowUp\"}" })
        {
            await mallory.SendAsync(text);
            if (!text.Contains("ArrowUp"))
                replies.Add($"{text,-34} -> {(await mallory.ReceiveAsync()).GetProperty("message").GetString()}");
        }
        // The valid key was accepted quietly; the connection still gets its states.
        time.Advance(Period);
        Assert.Equal("state", (await mallory.ReceiveAsync()).GetProperty("type").GetString());

        // Text that is not JSON at all ends the connection: an error, then the close code 1007.
        await mallory.SendAsync("{not json");
        string error = (await mallory.ReceiveUntilAsync(m => m.GetProperty("type").GetString() == "error")).GetProperty("message").GetString()!;
        WebSocketCloseStatus? status = await mallory.ReceiveCloseAsync();
        replies.Add($"{"{not json",-34} -> {error}, then close {(int?)status} ({mallory.Socket.CloseStatusDescription})");
        Snapshot.Match(string.Join("\n", replies));
    }

    [Fact]
    public async Task An_oversized_message_closes_that_player_only()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { Time = time }, maxMessageBytes: 1024);
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");
        await using TestClient mallory = await TestClient.ConnectAsync(server.EndPoint, name: "mallory");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "both in");

        // 1 MiB, the size the seed server echoed back unchecked. The server stops reading at 1 KiB.
        _ = mallory.SendAsync(Encoding.UTF8.GetBytes(new string('x', 1024 * 1024)));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await mallory.ReceiveCloseAsync());

        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 1, "mallory gone");
        time.Advance(Period);
        JsonState(await bob.ReceiveAsync(), expectedSnakes: 1);
    }

    [Fact]
    public async Task A_player_dropping_without_a_close_frame_hurts_nobody()
    {
        var log = new Transcript();
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time });
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");
        await using TestClient gone = await TestClient.ConnectAsync(server.EndPoint, name: "gone");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "both in");

        gone.Socket.Abort(); // the TCP connection closes with no web-socket close frame (a killed tab)
        await Servers.EventuallyAsync(() => log.Raw.Contains("gone leaves"), "gone removed");
        Assert.Contains("gone: connection lost", log.Raw);

        time.Advance(Period);
        JsonState(await bob.ReceiveAsync(), expectedSnakes: 1);
        Assert.Single(server.Rooms.Rooms);
    }

    [Fact]
    public async Task A_full_room_is_refused_before_the_upgrade_with_a_reason()
    {
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { Time = new FakeTimeProvider(), MaxPlayersPerRoom = 2, MaxRooms = 2 });
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "both in");

        Assert.Equal(("HTTP/1.1 503 Service Unavailable", "room lobby is full (2 players): try another room.\n"), await RefusedAsync("lobby"));

        await using TestClient cat = await TestClient.ConnectAsync(server.EndPoint, room: "other", name: "cat");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Count == 2, "second room");
        Assert.Equal(("HTTP/1.1 503 Service Unavailable", "the server has its maximum of 2 rooms: join an existing one.\n"), await RefusedAsync("third"));

        // A real upgrade request on a raw socket, so the test sees the status line and the body as sent.
        async Task<(string Status, string Body)> RefusedAsync(string room)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.EndPoint);
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"GET /connect?room={room}&name=dan HTTP/1.1\r\nHost: 127.0.0.1:{server.EndPoint.Port}\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
            var answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!answer.ToString().EndsWith('\n') || !answer.ToString().Contains("\r\n\r\n"))
            {
                int n = await socket.ReceiveAsync(buffer, limit.Token);
                if (n == 0) break;
                answer.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            string text = answer.ToString();
            return (text[..text.IndexOf("\r\n", StringComparison.Ordinal)], text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        }
    }

    [Fact]
    public async Task A_player_that_never_reads_is_dropped_when_a_send_times_out()
    {
        var log = new Transcript();
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time }, sendTimeoutSeconds: 1);
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");

        // A raw TCP client with a tiny receive buffer does the web-socket handshake, then never reads:
        // the server's sends soon stop completing.
        using var lazy = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await lazy.ConnectAsync(server.EndPoint);
        await lazy.SendAsync(Encoding.ASCII.GetBytes(
            $"GET /connect?room=lobby&name=lazy HTTP/1.1\r\nHost: 127.0.0.1:{server.EndPoint.Port}\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "lazy in");

        // Tick fast (fake time) until the server gives up on lazy; bob keeps up all along.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long tick = 0;
        while (!log.Raw.Contains("lazy leaves") && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(++tick, (await bob.ReceiveAsync()).GetProperty("tick").GetInt64());
        }
        Assert.Contains("lazy: not reading, send timed out after 1 s; dropped", log.Raw);
        Assert.Contains("lazy leaves room lobby (1 player)", log.Raw);
        time.Advance(TimeSpan.FromMilliseconds(100));
        JsonState(await bob.ReceiveAsync(), expectedSnakes: 1);
    }

    [Fact]
    public async Task A_plain_http_request_to_connect_gets_a_clear_answer()
    {
        await using SnakeServer server = await Servers.StartAsync(Log.Null);
        using var http = new HttpClient();
        HttpResponseMessage response = await http.GetAsync($"http://127.0.0.1:{server.EndPoint.Port}/connect?room=bad%20room");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("web socket", await response.Content.ReadAsStringAsync());

        await Assert.ThrowsAsync<WebSocketException>(() => TestClient.ConnectAsync(server.EndPoint, room: "no spaces allowed"));
        string page = await http.GetStringAsync($"http://127.0.0.1:{server.EndPoint.Port}/");
        Assert.Contains("<canvas", page);
    }

    private static void JsonState(System.Text.Json.JsonElement message, int expectedSnakes)
    {
        Assert.Equal("state", message.GetProperty("type").GetString());
        Assert.Equal(expectedSnakes, message.GetProperty("snakes").GetArrayLength());
    }
}
