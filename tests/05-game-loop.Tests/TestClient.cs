using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GameLoop.Tests;

/// <summary>A web-socket player for tests: every wait is bounded.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new();

    public int Id { get; private set; }
    public WebSocket Socket => _socket;

    public static async Task<TestClient> ConnectAsync(IPEndPoint server, string room = "lobby", string? name = null)
    {
        var client = new TestClient();
        string query = $"room={room}" + (name is null ? "" : $"&name={name}");
        using var limit = new CancellationTokenSource(Wait);
        await client._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/connect?{query}"), limit.Token);
        JsonElement welcome = await client.ReceiveAsync();
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        client.Id = welcome.GetProperty("id").GetInt32();
        return client;
    }

    /// <summary>The next message as JSON; fails the test if none comes in time.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var (type, text) = await ReceiveRawAsync();
        Assert.True(type == WebSocketMessageType.Text, $"expected a message, got {type} ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Skips messages until one matches.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match)
    {
        for (int i = 0; i < 10_000; i++)
        {
            JsonElement message = await ReceiveAsync();
            if (match(message)) return message;
        }
        throw new InvalidOperationException("no matching message");
    }

    public async Task<(WebSocketMessageType Type, string Text)> ReceiveRawAsync()
    {
        using var limit = new CancellationTokenSource(Wait);
        var buffer = new byte[64 * 1024];
        int length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), limit.Token);
            length += result.Count;
        } while (!result.EndOfMessage);
        return (result.MessageType, Encoding.UTF8.GetString(buffer, 0, length));
    }

    /// <summary>Reads until the server's close frame; returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        while (true)
        {
            var (type, _) = await ReceiveRawAsync();
            if (type == WebSocketMessageType.Close) return _socket.CloseStatus;
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var limit = new CancellationTokenSource(Wait);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, limit.Token);
    }

    public async Task CloseAsync()
    {
        using var limit = new CancellationTokenSource(Wait);
        await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", limit.Token);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
