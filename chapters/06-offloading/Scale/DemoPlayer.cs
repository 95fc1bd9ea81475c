using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Course.Cli;
using Snake.Chat;
using Snake.Wire;

namespace Offloading.Scale;

/// <summary>
/// A player for the scale demo and its test. It connects through HAProxy as a browser would, learns from
/// the welcome which server it landed on, and keeps what it hears: chat lines, other servers' scoreboards
/// and the newest tick. It does not steer (its snake runs into a wall, comes back, and does it again),
/// which is all a demo of the chat needs. Every wait is bounded, and so is every message: it trusts what
/// answers on the port no more than a server trusts its players.
/// </summary>
internal sealed class DemoPlayer : IAsyncDisposable
{
    /// <summary>The longest message we read; a state of a full 200 x 200 room is well under it.</summary>
    private const int MaxMessageBytes = 256 * 1024;

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly List<ChatLine> _heard = [];
    private readonly Dictionary<string, Scoreboard> _boards = [];
    private readonly SemaphoreSlim _news = new(0);
    private Task _receiving = Task.CompletedTask;
    private long _tick;

    private DemoPlayer(string name) => Name = name;

    public string Name { get; }
    /// <summary>The server HAProxy sent this player to, from the welcome.</summary>
    public string Server { get; private set; } = "";
    /// <summary>The newest tick of the room's game this player has seen.</summary>
    public long Tick => Interlocked.Read(ref _tick);
    /// <summary>Where the demo prints what this player does and hears ("ann on A: ...").</summary>
    public Log Log { get; set; } = Log.Null;
    /// <summary>Called, on the receive loop, for every chat line this player hears.</summary>
    public Action<DemoPlayer, ChatLine>? OnChat { get; init; }

    public static async Task<DemoPlayer> ConnectAsync(IPEndPoint frontend, string name, Action<DemoPlayer, ChatLine>? onChat, CancellationToken cancel,
        string room = "lobby")
    {
        var player = new DemoPlayer(name) { OnChat = onChat };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        var uri = new Uri($"ws://{Endpoints.Show(frontend)}/connect?room={room}&name={name}");
        try
        {
            await player._socket.ConnectAsync(uri, limit.Token).ConfigureAwait(false);
            byte[] welcome = await player.ReceiveMessageAsync(limit.Token).ConfigureAwait(false)
                             ?? throw new UserError($"{name}: the server closed the connection before its welcome");
            player.Server = ServerOf(welcome) ?? throw new UserError($"{name}: the server's welcome is not the snake protocol");
        }
        catch (TooBigException)
        {
            player._socket.Dispose();
            throw new UserError($"{name}: the server sent a message over {MaxMessageBytes / 1024} KiB");
        }
        catch (WebSocketException e)
        {
            player._socket.Dispose();
            throw new UserError($"{name}: cannot connect through haproxy at {uri}: {e.Message}", inner: e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            player._socket.Dispose();
            throw new UserError($"{name}: no welcome through haproxy at {uri} within 15 s", inner: e);
        }
        player._receiving = Task.Run(player.ReceiveLoopAsync);
        return player;
    }

    /// <summary>
    /// Connects through haproxy to the server named <paramref name="server"/>: joins a room named after the
    /// player ("ann", then "ann-2", ...) until haproxy sends one to that server. The demo needs one player
    /// on each server whatever haproxy balances on: the least busy server sends the first try there, and
    /// balancing by room sends some room there within a few tries.
    /// </summary>
    public static async Task<DemoPlayer> ConnectToAsync(IPEndPoint frontend, string name, string server, Action<DemoPlayer, ChatLine>? onChat,
        CancellationToken cancel)
    {
        const int tries = 16;
        for (int attempt = 1; attempt <= tries; attempt++)
        {
            DemoPlayer player = await ConnectAsync(frontend, name, onChat, cancel, room: attempt == 1 ? name : $"{name}-{attempt}").ConfigureAwait(false);
            if (player.Server == server) return player;
            await player.DisposeAsync().ConfigureAwait(false);
        }
        throw new UserError($"{name}: haproxy sent none of {tries} rooms to server {server}");
    }

    public IReadOnlyList<ChatLine> Heard
    {
        get { lock (_heard) return [.. _heard]; }
    }

    public async Task SayAsync(string text)
    {
        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new { type = "chat", text });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _sending.WaitAsync(limit.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, limit.Token).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Waits until this player has heard a line that matches; null if none came in time.</summary>
    public Task<ChatLine?> WaitToHearAsync(Func<ChatLine, bool> match, TimeSpan timeout) =>
        WaitForAsync(() =>
        {
            lock (_heard) return _heard.FirstOrDefault(match);
        }, timeout);

    /// <summary>Waits until the newest scoreboard from <paramref name="server"/> matches; null if none did in time.</summary>
    public Task<Scoreboard?> WaitForScoreboardAsync(string server, Func<Scoreboard, bool> match, TimeSpan timeout) =>
        WaitForAsync(() =>
        {
            lock (_boards) return _boards.GetValueOrDefault(server) is { } board && match(board) ? board : null;
        }, timeout);

    /// <summary>Waits until the game has ticked past <paramref name="tick"/>: the server still runs this room.</summary>
    public async Task<bool> WaitForTickAfterAsync(long tick, TimeSpan timeout) =>
        await WaitForAsync(() => Tick > tick ? "ticked" : null, timeout).ConfigureAwait(false) is not null;

    private async Task<T?> WaitForAsync<T>(Func<T?> found, TimeSpan timeout) where T : class
    {
        var limit = DateTime.UtcNow + timeout;
        while (true)
        {
            if (found() is { } result) return result;
            TimeSpan left = limit - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _receiving.IsCompleted) return found();
            await _news.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await ReceiveMessageAsync(CancellationToken.None).ConfigureAwait(false) is { } message)
            {
                if (ChatView.TryParseChat(message, out ChatLine? line))
                {
                    // Told first, then kept: whoever waits for this line finds it after it has been printed.
                    OnChat?.Invoke(this, line);
                    lock (_heard) _heard.Add(line);
                }
                else if (ChatView.TryParseScoreboard(message, out Scoreboard? board))
                {
                    lock (_boards) _boards[board.Server] = board;
                }
                else if (StateView.TypeOf(message) == "state" && TickOf(message) is { } tick)
                {
                    Interlocked.Exchange(ref _tick, tick);
                }
                if (_news.CurrentCount == 0) _news.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended (the demo is stopping, or the server went): nothing more to hear.
        }
        catch (TooBigException)
        {
            Log.Line($"the server sent a message over {MaxMessageBytes / 1024} KiB; not listening any more");
            _socket.Abort();
        }
    }

    /// <summary>The welcome's "server", or null when the welcome is not the JSON object it should be.</summary>
    private static string? ServerOf(byte[] welcome)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(welcome);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("server", out JsonElement server)) return null;
            return server.ValueKind == JsonValueKind.String ? server.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // InvalidOperation: a lone surrogate
        {
            return null;
        }
    }

    /// <summary>A state's tick, or null when it has none we can read.</summary>
    private static long? TickOf(byte[] state)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(state);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("tick", out JsonElement tick)
                   && tick.ValueKind == JsonValueKind.Number && tick.TryGetInt64(out long value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One whole message, or null when the server closed the connection.</summary>
    /// <exception cref="TooBigException">The message is longer than <see cref="MaxMessageBytes"/>, whatever its frames announced.</exception>
    private async Task<byte[]?> ReceiveMessageAsync(CancellationToken cancel)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(chunk.AsMemory(), cancel).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Write(chunk, 0, result.Count);
            if (buffer.Length > MaxMessageBytes) throw new TooBigException();
        } while (!result.EndOfMessage);
        return buffer.ToArray();
    }

    private sealed class TooBigException : Exception;

    /// <summary>Says goodbye with a close frame and waits (bounded) for the server's; aborts if it does not come.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _sending.WaitAsync(limit.Token).ConfigureAwait(false);
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", limit.Token).ConfigureAwait(false);
            await _receiving.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException) { }
        _socket.Abort();
        _socket.Dispose();
    }
}
