using System.Net.WebSockets;
using Course.Cli;
using Snake.Chat;
using Snake.Rooms;
using Snake.Wire;

namespace Snake.Web;

/// <summary>
/// One browser (or bot) from upgrade to close. A connection waits on two things at once: the player's
/// next message, and the next message for the player (the state each tick puts in its outbox). We give
/// each its own loop and wait for whichever ends first with Task.WhenAny:
/// - <see cref="ReceiveAsync"/> reads messages, steers the snake and passes chat lines on;
/// - <see cref="SendAsync"/> takes from the outbox and writes to the socket.
/// Why an outbox per connection rather than "await the next tick, then send" inside the handler (the
/// article's Condition): the tick would have to wait for every send, so one slow player slows the game
/// for all; with an outbox the tick posts and moves on, and only the slow player misses frames.
/// </summary>
public sealed class PlayerConnection(WebSocket socket, Player player, RoomDirectory rooms, string roomName, Log log,
    int maxMessageBytes, TimeSpan sendTimeout, ServerChat chat, ChatGate chatGate)
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    // 1013 "try again later" (RFC 6455 registry); .NET's enum has no name for it.
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public async Task RunAsync(CancellationToken serverStopping)
    {
        // Welcome first, before joining: nothing else can be sending yet, so no outbox is needed for it.
        await socket.SendAsync(ServerMessages.Welcome(player.Id, roomName, chat.ServerName, rooms.Options.Rules, rooms.Options.TickRate),
            WebSocketMessageType.Text, true, serverStopping).ConfigureAwait(false);

        if (rooms.TryJoin(roomName, player) is not { } room)
        {
            // Full since the check before the upgrade (others joined in between): say so and close.
            string reason = rooms.Refusal(roomName) ?? "room is full";
            log.Line($"{player.Name}: refused, {reason}");
            using var limit = new CancellationTokenSource(CloseTimeout);
            await socket.CloseAsync(TryAgainLater, reason.Length > 120 ? "full" : reason, limit.Token).ConfigureAwait(false);
            return;
        }
        using CancellationTokenRegistration goingAway = serverStopping.Register(() => player.Outbox.Close(WebSocketCloseStatus.EndpointUnavailable));
        using var stopSending = new CancellationTokenSource();
        Task<Ending> receiving = ReceiveAsync(room);
        Task<WebSocketCloseStatus?> sending = SendAsync(stopSending.Token);
        try
        {
            Task first = await Task.WhenAny(receiving, sending).ConfigureAwait(false);
            if (first == receiving)
            {
                // The player left (or broke a rule): stop sending, then answer with the last words (why we
                // close, if we do) and a close frame, if the connection is still there to carry them.
                await stopSending.CancelAsync().ConfigureAwait(false);
                await sending.ConfigureAwait(false);
                Ending ending = await receiving.ConfigureAwait(false);
                await CloseAsync(ending.Status, ending.LastWords).ConfigureAwait(false);
            }
            else
            {
                // The server ends it (room failed, server stopping) or sending broke: say why, then let
                // the receive loop see the player's closing reply, for a bounded time.
                await CloseAsync(await sending.ConfigureAwait(false)).ConfigureAwait(false);
                if (await Task.WhenAny(receiving, Task.Delay(CloseTimeout, CancellationToken.None)).ConfigureAwait(false) != receiving)
                    socket.Abort();
                await receiving.ConfigureAwait(false);
            }
        }
        finally
        {
            await rooms.LeaveAsync(room, player).ConfigureAwait(false);
        }
    }

    /// <summary>How the receive loop ended: the close status to answer with (none: the connection is gone), and
    /// a last message to send before the close frame.</summary>
    private readonly record struct Ending(WebSocketCloseStatus? Status, byte[]? LastWords = null);

    /// <summary>Reads until the player closes, drops, or sends what we cannot read; says how it ended.</summary>
    private async Task<Ending> ReceiveAsync(Room room)
    {
        byte[] buffer = new byte[maxMessageBytes];
        try
        {
            while (true)
            {
                // One message may arrive in several frames: gather them, but never past the limit.
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        log.Line($"{player.Name}: message over {maxMessageBytes} bytes, closing");
                        return new Ending(WebSocketCloseStatus.MessageTooBig);
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    length += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close) return new Ending(WebSocketCloseStatus.NormalClosure);
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    player.Outbox.PostNotice(ServerMessages.Error("binary messages are not part of the protocol"));
                    continue;
                }
                switch (ClientMessage.Read(buffer.AsSpan(0, length), out PlayerInput? input, out string error))
                {
                    case Verdict.Accepted:
                        Act(room, input!);
                        break;
                    case Verdict.Refused:
                        player.Outbox.PostNotice(ServerMessages.Error(error));
                        break;
                    case Verdict.Malformed:
                        // One line, no stack trace: a client can send this on purpose, and it is not our bug.
                        log.Line($"{player.Name}: {error}, closing (1007)");
                        return new Ending(WebSocketCloseStatus.InvalidPayloadData, ServerMessages.Error(error));
                }
            }
        }
        catch (WebSocketException e)
        {
            // Gone without a close frame (killed tab, lost network) or broke the framing rules (bad
            // UTF-8, unmasked frames): either way only this player leaves.
            log.Line($"{player.Name}: connection lost ({e.WebSocketErrorCode})");
            return new Ending(null);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            log.Line($"{player.Name}: connection lost ({e.GetType().Name})");
            return new Ending(null);
        }
    }

    private void Act(Room room, PlayerInput input)
    {
        switch (input)
        {
            case Turn turn:
                room.Steer(player, turn.Direction);
                break;
            case Say say when chatGate.TryPass():
                chat.Say(player, say.Text);
                break;
            case Say:
                // Over the limit the line is dropped, and the player is told; the connection stays open.
                player.Outbox.PostNotice(ServerMessages.Error("too many chat lines: slow down (this one was dropped)"));
                break;
        }
    }

    /// <summary>Sends from the outbox until it is closed; returns the status the server closes with.</summary>
    private async Task<WebSocketCloseStatus?> SendAsync(CancellationToken stop)
    {
        // One timeout for the connection, armed for each send and disarmed after it: twenty states a second
        // to each of 500 players would otherwise make (and throw away) 10,000 timers a second.
        var timeout = new CancellationTokenSource();
        try
        {
            while (true)
            {
                var (message, closed) = await player.Outbox.TakeAsync(stop).ConfigureAwait(false);
                if (closed is not null || message is null) return closed;
                // A player that stops reading fills the TCP buffers and this send stops completing. After
                // the timeout the socket is aborted: the player is dropped, the game goes on without them.
                timeout.CancelAfter(sendTimeout);
                try
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (timeout.IsCancellationRequested
                                          && e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
                {
                    // Cancelling a send aborts the socket, which also ends the receive loop.
                    log.Line($"{player.Name}: not reading, send timed out after {sendTimeout.TotalSeconds:0.#} s; dropped");
                    return null;
                }
                if (!timeout.TryReset())
                {
                    // It went off just after the send finished: too late to matter, but a fired timeout cannot be re-armed.
                    timeout.Dispose();
                    timeout = new CancellationTokenSource();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            timeout.Dispose();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus? status, byte[]? lastWords = null)
    {
        if (status is not { } code || socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            if (lastWords is not null) await socket.SendAsync(lastWords, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            await socket.CloseOutputAsync(code, Describe(code), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private static string Describe(WebSocketCloseStatus status) => status switch
    {
        WebSocketCloseStatus.MessageTooBig => "message too big",
        WebSocketCloseStatus.InvalidPayloadData => "malformed JSON",
        WebSocketCloseStatus.InternalServerError => "the room's game loop failed; reconnect for a new room",
        WebSocketCloseStatus.EndpointUnavailable => "server stopping",
        _ => "bye",
    };
}
