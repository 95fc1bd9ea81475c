using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Snake.Rooms;

/// <summary>
/// What is waiting to be sent to one player. The tick loop only ever POSTS here, which never waits, so a
/// player whose connection is slow (or who never reads at all) cannot hold up the tick for everyone.
/// Two lanes:
/// - the latest state: each state replaces the one not yet sent, because a player only needs the newest
///   world; a slow player skips frames instead of falling further and further behind;
/// - notices (error replies), queued in order, at most <see cref="MaxNotices"/>, the rest dropped.
/// Posting wakes the player's sender right there, on the poster's thread: see <see cref="Post"/>.
/// </summary>
public sealed class Outbox
{
    public const int MaxNotices = 8;

    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _notices = new();
    private byte[]? _state;
    private WebSocketCloseStatus? _closed;
    // The sender, parked because there was nothing to send; null while it is busy sending.
    private TaskCompletionSource? _parked;

    /// <summary>States replaced before they were sent: how far behind this player has been.</summary>
    public long SkippedStates { get; private set; }

    public void PostState(byte[] message) => Post(() =>
    {
        if (_state is not null) SkippedStates++;
        _state = message;
    });

    public void PostNotice(byte[] message) => Post(() =>
    {
        if (_notices.Count < MaxNotices) _notices.Enqueue(message);
    });

    /// <summary>Ends the outbox: the sender stops and the connection closes with <paramref name="status"/>.</summary>
    public void Close(WebSocketCloseStatus status) => Post(() => _closed ??= status);

    /// <summary>The next message to send (notices first), or the close status once closed.</summary>
    /// <remarks>Called once per message sent: the pooling builder reuses the waiting call's state instead of allocating it each time.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(byte[]? Message, WebSocketCloseStatus? Closed)> TakeAsync(CancellationToken cancel)
    {
        while (true)
        {
            TaskCompletionSource parked;
            lock (_gate)
            {
                if (_closed is { } status) return (null, status);
                if (_notices.TryDequeue(out byte[]? notice)) return (notice, null);
                if (_state is { } state)
                {
                    _state = null;
                    return (state, null);
                }
                // Deliberately NOT TaskCreationOptions.RunContinuationsAsynchronously: see Post.
                _parked = parked = new TaskCompletionSource();
            }
            using (cancel.UnsafeRegister(static p => ((TaskCompletionSource)p!).TrySetCanceled(), parked))
                await parked.Task.ConfigureAwait(false);
        }
    }

    private void Post(Action change)
    {
        TaskCompletionSource? parked;
        lock (_gate)
        {
            change();
            parked = _parked;
            _parked = null;
        }
        // Outside the lock, the parked sender resumes HERE, on the poster's thread (the tick's, for a
        // state): it takes the message and starts the send. A send the socket can take at once (the usual
        // case: the kernel has room) is finished before this line returns, so the state leaves without
        // waiting for another thread to wake up; 32 players cost 32 sends, not 32 sends plus 32 thread
        // switches. A send that must wait for a slow player gives this thread back at its first await,
        // so the tick still never waits for anyone.
        parked?.TrySetResult();
    }
}
