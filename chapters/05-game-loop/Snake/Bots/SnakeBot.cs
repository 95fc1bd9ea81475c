using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Snake.Game;
using Snake.Wire;

namespace Snake.Bots;

/// <summary>
/// A console player: connects with <see cref="ClientWebSocket"/> like a browser would, reads every state,
/// and presses an arrow key when <see cref="Steering"/> wants a new direction. The bench runs hundreds.
/// </summary>
/// <remarks>
/// It trusts its server no more than the server trusts it: the upgrade must be answered within
/// <see cref="ConnectTimeout"/>, a message may be at most 256 KiB (whatever its frame header announces),
/// some message must come at least every <see cref="Silence"/> (the server sends a state every tick),
/// and a message of another shape ends the bot. Each ends it with one line (a <see cref="Course.Cli.UserError"/>).
/// </remarks>
public sealed class SnakeBot(IPEndPoint server, string room, string name)
{
    /// <summary>A message as it arrived, unparsed, with the moment it arrived (Stopwatch ticks).</summary>
    public delegate void MessageArrived(ReadOnlySpan<byte> message, long arrived);

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(15);

    /// <summary>Called for every state, with the moment it arrived (Stopwatch ticks) and its size.</summary>
    public Action<StateView, long, int>? OnState { get; init; }
    /// <summary>
    /// False: never steer, and never parse a message (the bench only times arrivals, and parsing 1,000
    /// states per tick would cost the machine it measures); every message after the welcome goes to
    /// <see cref="OnMessage"/> as it came.
    /// </summary>
    public bool Steer { get; init; } = true;
    /// <summary>With <see cref="Steer"/> off: every message after the welcome, unparsed.</summary>
    public MessageArrived? OnMessage { get; init; }

    public int Id { get; private set; }
    public StateView? Last { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        var uri = new Uri($"ws://{Course.Cli.Endpoints.Show(server)}/connect?room={room}&name={name}");
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        connecting.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(uri, connecting.Token).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            throw new Course.Cli.UserError($"cannot connect to {uri}: {e.Message}", inner: e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return; // told to stop before we were even connected
        }
        catch (OperationCanceledException e)
        {
            throw new Course.Cli.UserError($"cannot connect to {uri}: no answer within {ConnectTimeout.TotalSeconds:0} s", inner: e);
        }

        // Leaving politely: on stop, send a close frame and let the receive loop read the server's reply.
        // (Cancelling a pending ReceiveAsync instead would abort the socket: no close frame at all.)
        // A web socket allows one send at a time: the steering send and the leaving close take turns.
        var sending = new SemaphoreSlim(1, 1); // not disposed: a late LeaveAsync may still release it
        using CancellationTokenRegistration leave = stop.Register(() => _ = LeaveAsync(socket, sending));
        var width = 40;
        var height = 30;
        byte[] buffer = new byte[256 * 1024];
        Direction? asked = null;
        // Cancelling a receive aborts the socket: right for a server that has gone quiet, which is why this
        // token is only a deadline, pushed back at every message (cheaply: one timer, moved), and never the
        // polite "stop" above.
        using var silence = new CancellationTokenSource();
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                silence.CancelAfter(Silence);
                do
                {
                    if (length == buffer.Length) throw Protocol($"the server sent a message over {buffer.Length / 1024} KiB (not a snake server?)");
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), silence.Token).ConfigureAwait(false);
                    length += result.Count;
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (stop.IsCancellationRequested) continue; // leaving: read until the server's close
                long arrived = System.Diagnostics.Stopwatch.GetTimestamp();

                ReadOnlySpan<byte> message = buffer.AsSpan(0, length);
                if (Id == 0)
                {
                    (Id, width, height) = ReadWelcome(buffer.AsMemory(0, length));
                    continue;
                }
                if (!Steer)
                {
                    OnMessage?.Invoke(message, arrived);
                    continue;
                }
                if (StateView.TypeOf(message) != "state") continue;
                if (!StateView.TryParse(message, out StateView? state)) throw Protocol("the server sent a message that is not the snake protocol");
                Last = state;
                OnState?.Invoke(state, arrived, length);

                StateView.SnakeView? me = state.Snakes.FirstOrDefault(s => s.Id == Id);
                if (me is null || me.Body.Count == 0) { asked = null; continue; }
                var blocked = state.Snakes.SelectMany(s => s.Body).ToHashSet();
                Direction want = Steering.Choose(me.Body[0], me.Heading, blocked, state.Food, width, height);
                if (want != me.Heading && want != asked)
                {
                    asked = want;
                    byte[] key = Encoding.UTF8.GetBytes($"{{\"type\":\"key\",\"key\":\"{want.Key()}\"}}");
                    await sending.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        if (stop.IsCancellationRequested) continue; // leaving: the close frame is (being) sent
                        await socket.SendAsync(key, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                    }
                    finally
                    {
                        sending.Release();
                    }
                }
                else if (want == me.Heading) asked = null;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (WebSocketException) when (stop.IsCancellationRequested) { }
        catch (OperationCanceledException e)
        {
            throw Protocol($"no message from the server for {Silence.TotalSeconds:0} s (is it a snake server?)", e);
        }
        catch (WebSocketException e)
        {
            throw new Course.Cli.UserError($"{name}: lost the connection to the server ({e.WebSocketErrorCode})", inner: e);
        }
    }

    /// <summary>The welcome's id and grid size; a welcome of another shape ends the bot.</summary>
    private (int Id, int Width, int Height) ReadWelcome(ReadOnlyMemory<byte> message)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(message);
            JsonElement welcome = document.RootElement;
            (int id, int width, int height) = (welcome.GetProperty("id").GetInt32(), welcome.GetProperty("width").GetInt32(), welcome.GetProperty("height").GetInt32());
            if (id > 0 && width is > 0 and <= 1000 && height is > 0 and <= 1000) return (id, width, height);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException) { }
        throw Protocol("the server sent a message that is not the snake protocol (its welcome)");
    }

    private Course.Cli.UserError Protocol(string what, Exception? inner = null) => new($"{name}: {what}", inner: inner);

    private static async Task LeaveAsync(ClientWebSocket socket, SemaphoreSlim sending)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await sending.WaitAsync(limit.Token).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", limit.Token).ConfigureAwait(false);
            }
            finally
            {
                sending.Release();
            }
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        // Still no reply from the server after two seconds: give up on it.
        if (socket.State != WebSocketState.Closed) socket.Abort();
    }
}
