using System.Net;
using System.Net.WebSockets;
using System.Text;
using Snake.Game;
using Snake.Wire;

namespace Snake.Bots;

/// <summary>
/// A console player: connects with <see cref="ClientWebSocket"/> like a browser would, reads every state,
/// and presses an arrow key when <see cref="Steering"/> wants a new direction. The bench runs hundreds.
/// </summary>
public sealed class SnakeBot(IPEndPoint server, string room, string name)
{
    /// <summary>Called for every state, with the moment it arrived (Stopwatch ticks) and its size.</summary>
    public Action<StateView, long, int>? OnState { get; init; }
    /// <summary>Skip parsing states (the bench only times arrivals, and parsing 1,000 states per tick costs).</summary>
    public bool Steer { get; init; } = true;

    public int Id { get; private set; }
    public StateView? Last { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        var uri = new Uri($"ws://{Course.Cli.Endpoints.Show(server)}/connect?room={room}&name={name}");
        try
        {
            await socket.ConnectAsync(uri, stop).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            throw new Course.Cli.UserError($"cannot connect to {uri}: {e.Message}", inner: e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return; // told to stop before we were even connected
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
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    length += result.Count;
                } while (!result.EndOfMessage && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (stop.IsCancellationRequested) continue; // leaving: read until the server's close
                long arrived = System.Diagnostics.Stopwatch.GetTimestamp();

                ReadOnlySpan<byte> message = buffer.AsSpan(0, length);
                if (Id == 0)
                {
                    var welcome = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
                    Id = welcome.GetProperty("id").GetInt32();
                    width = welcome.GetProperty("width").GetInt32();
                    height = welcome.GetProperty("height").GetInt32();
                    continue;
                }
                if (!Steer)
                {
                    OnState?.Invoke(null!, arrived, length);
                    continue;
                }
                if (StateView.TypeOf(message) != "state") continue;
                StateView state = StateView.Parse(message);
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
        catch (WebSocketException e)
        {
            throw new Course.Cli.UserError($"{name}: lost the connection to the server ({e.WebSocketErrorCode})", inner: e);
        }
    }

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
