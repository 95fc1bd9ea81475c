using System.Text.Json;
using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;
using Snake.Chat;
using Snake.Rooms;
using Snake.Web;
using Snake.Wire;

namespace GameLoop.Tests;

/// <summary>
/// The chat line: every player of the server hears it, bad lines and floods are refused, and a relay
/// (chapter 06's seam) gets what is said here and hands in what was said elsewhere. Time is frozen, so no
/// state message comes between the ones we wait for.
/// </summary>
public sealed class ChatTests
{
    [Fact]
    public async Task A_line_reaches_every_player_of_the_server_in_every_room()
    {
        await using SnakeServer server = await StartAsync(new FakeTimeProvider());
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, "lobby", "ann");
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, "cellar", "bob");
        await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 2, "both in");

        await ann.SendAsync("""{"type":"chat","text":"  hello, cellar  "}""");

        const string expected = """{"type":"chat","from":"ann","server":"local","text":"hello, cellar"}""";
        Assert.Equal(expected, (await bob.ReceiveAsync()).GetRawText());
        Assert.Equal(expected, (await ann.ReceiveAsync()).GetRawText()); // the speaker sees it was sent
    }

    [Fact]
    public async Task Bad_lines_get_an_error_reply_and_the_connection_stays()
    {
        await using SnakeServer server = await StartAsync(new FakeTimeProvider());
        await using TestClient mallory = await TestClient.ConnectAsync(server.EndPoint, name: "mallory");

        var replies = new List<string>();
        foreach (string text in new[] { """{"type":"chat"}""", """{"type":"chat","text":5}""", """{"type":"chat","text":"   "}""",
                     """{"type":"chat","text":"ding\u0007"}""", $$"""{"type":"chat","text":"{{new string('x', ChatLine.MaxLength + 1)}}"}""" })
        {
            await mallory.SendAsync(text);
            string shown = text.Length <= 40 ? text : text[..37] + "...";
            replies.Add($"{shown,-40} -> {(await mallory.ReceiveAsync()).GetProperty("message").GetString()}");
        }
        // Still connected, and a good line still goes through.
        await mallory.SendAsync("""{"type":"chat","text":"sorry"}""");
        Assert.Equal("sorry", (await mallory.ReceiveAsync()).GetProperty("text").GetString());
        Snapshot.Match(string.Join("\n", replies));
    }

    [Fact]
    public async Task A_flood_is_cut_to_the_burst_and_the_rate()
    {
        var time = new FakeTimeProvider();
        await using SnakeServer server = await StartAsync(time);
        await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");

        // The burst is 5 lines: the sixth is dropped with an error.
        for (int i = 1; i <= 6; i++) await ann.SendAsync($$"""{"type":"chat","text":"line {{i}}"}""");
        var got = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            JsonElement message = await ann.ReceiveAsync();
            got.Add(message.GetProperty("type").GetString() == "chat" ? message.GetProperty("text").GetString()! : "error: " + message.GetProperty("message").GetString());
        }
        Assert.Equal(["line 1", "line 2", "line 3", "line 4", "line 5", "error: too many chat lines: slow down (this one was dropped)"], got);

        // One line a second is earned back.
        time.Advance(TimeSpan.FromSeconds(1));
        await ann.SendAsync("""{"type":"chat","text":"a second later"}""");
        JsonElement next = await ann.ReceiveUntilAsync(m => m.GetProperty("type").GetString() == "chat");
        Assert.Equal("a second later", next.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_relay_takes_what_is_said_here_and_brings_what_is_said_elsewhere()
    {
        var relay = new RecordingRelay();
        await using (SnakeServer server = await StartAsync(new FakeTimeProvider(), relay, name: "A"))
        {
            Assert.Same(server.Chat, relay.Here); // started before any player could speak
            await using TestClient ann = await TestClient.ConnectAsync(server.EndPoint, name: "ann");
            await Servers.EventuallyAsync(() => server.Rooms.Rooms.Sum(r => r.Count) == 1, "ann in");

            await ann.SendAsync("""{"type":"chat","text":"anyone on B?"}""");
            await ann.ReceiveAsync(); // her own line
            Assert.Equal(new ChatLine("ann", "A", "anyone on B?"), Assert.Single(relay.Published));

            relay.Here!.Deliver(new ChatLine("zed", "B", "yes, me"));
            Assert.Equal("""{"type":"chat","from":"zed","server":"B","text":"yes, me"}""", (await ann.ReceiveAsync()).GetRawText());
            relay.Here.Deliver(new Scoreboard("B", [new Score("zed", 4)]));
            Assert.Equal("""{"type":"scoreboard","server":"B","players":[{"name":"zed","score":4}]}""", (await ann.ReceiveAsync()).GetRawText());
            Assert.Equal(new Score("ann", 0), Assert.Single(relay.Here.Scores().Players));
            await ann.CloseAsync();
        }
        Assert.True(relay.Disposed, "the server disposes its relay when it stops");
    }

    [Fact]
    public void What_a_relay_reads_back_is_checked_like_a_players_input()
    {
        var line = new ChatLine("ann", "A", "hi");
        Assert.True(ChatView.TryParseChat(ServerMessages.Chat(line), out ChatLine? read));
        Assert.Equal(line, read);
        var board = new Scoreboard("B", [new Score("bob", 3)]);
        Assert.True(ChatView.TryParseScoreboard(ServerMessages.Scoreboard(board), out Scoreboard? readBoard));
        Assert.Equal(board.Players, readBoard.Players);

        string tooMany = string.Join(",", Enumerable.Range(0, Scoreboard.MaxPlayers + 1).Select(i => $$"""{"name":"p{{i}}","score":1}"""));
        foreach (string bad in new[]
                 {
                     """{"type":"chat","from":"ann","server":"A","text":"bell"}""",
                     """{"type":"chat","from":"","server":"A","text":"hi"}""",
                     """{"type":"chat","from":"ann","text":"hi"}""",
                     """{"type":"state","from":"ann","server":"A","text":"hi"}""",
                     "not json",
                 })
            Assert.False(ChatView.TryParseChat(System.Text.Encoding.UTF8.GetBytes(bad), out _), bad);
        foreach (string bad in new[]
                 {
                     """{"type":"scoreboard","server":"B","players":[{"name":"bob","score":"3"}]}""",
                     """{"type":"scoreboard","server":"B","players":{}}""",
                     $$"""{"type":"scoreboard","server":"B","players":[{{tooMany}}]}""",
                 })
            Assert.False(ChatView.TryParseScoreboard(System.Text.Encoding.UTF8.GetBytes(bad), out _), bad);
    }

    private static Task<SnakeServer> StartAsync(TimeProvider time, IServerRelay? relay = null, string name = "local") =>
        SnakeServer.StartAsync(new SnakeServerOptions(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0))
        {
            Rooms = new RoomOptions { Time = time },
            Name = name,
            Relay = relay,
        }, Log.Null);

    private sealed class RecordingRelay : IServerRelay
    {
        private readonly List<ChatLine> _published = [];
        public ServerChat? Here { get; private set; }
        public bool Disposed { get; private set; }

        public IReadOnlyList<ChatLine> Published
        {
            get { lock (_published) return [.. _published]; }
        }

        public Task StartAsync(ServerChat here, CancellationToken cancel)
        {
            Here = here;
            return Task.CompletedTask;
        }

        public void Publish(ChatLine line)
        {
            lock (_published) _published.Add(line);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
