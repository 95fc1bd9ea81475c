using System.Net.WebSockets;

namespace Snake.Rooms;

/// <summary>
/// What is waiting to be sent to one player. The tick loop only ever POSTS here, which never waits, so a
/// player whose connection is slow (or who never reads at all) cannot hold up the tick for everyone.
/// Two lanes:
/// - the latest state: each state replaces the one not yet sent, because a player only needs the newest
///   world; a slow player skips frames instead of falling further and further behind;
/// - notices (error replies), queued in order, at most <see cref="MaxNotices"/>, the rest dropped.
/// </summary>
public sealed class Outbox
{
    public const int MaxNotices = 8;

    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _notices = new();
    private readonly SemaphoreSlim _ready = new(0);
    private byte[]? _state;
    private WebSocketCloseStatus? _closed;

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
    public async ValueTask<(byte[]? Message, WebSocketCloseStatus? Closed)> TakeAsync(CancellationToken cancel)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_closed is { } status) return (null, status);
                if (_notices.TryDequeue(out byte[]? notice)) return (notice, null);
                if (_state is { } state)
                {
                    _state = null;
                    return (state, null);
                }
            }
            await _ready.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    private void Post(Action change)
    {
        bool wake;
        lock (_gate)
        {
            // Wake the sender only on empty -> not empty. A sender that found work without waiting leaves
            // the release unspent, so the count could creep up; capping it at one (below) keeps it honest.
            // An extra wake-up is harmless: the sender looks under the lock and waits again.
            wake = _state is null && _notices.Count == 0 && _closed is null;
            change();
        }
        if (wake && _ready.CurrentCount == 0) _ready.Release();
    }
}
