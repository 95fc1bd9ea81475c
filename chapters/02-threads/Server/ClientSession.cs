using System.Net.Sockets;

namespace Dots;

/// <summary>
/// One connected player: its id, its socket, and the rule for writing to that socket. Two threads write
/// to it (the relay, and the player's own thread for error replies), so each whole message is sent under
/// a per-player lock: without it, two messages could interleave mid-line.
/// </summary>
public sealed class ClientSession(int id, Socket socket, string peer, TimeSpan slowGrace)
{
    private readonly Lock _sendGate = new();
    private readonly int _graceMicroseconds = (int)slowGrace.TotalMicroseconds;
    private volatile string? _dropReason;

    /// <summary>The drop reason when the relay gave up on a player that stopped reading.</summary>
    public const string TooSlow = "too slow: it stopped reading and its buffer is full";

    public int Id { get; } = id;
    public Socket Socket { get; } = socket;
    public string Peer { get; } = peer;

    /// <summary>Why the server hung up on this player (too slow, server stopping), or null if it did not.</summary>
    public string? DropReason => _dropReason;

    /// <summary>
    /// Sends <paramref name="message"/> (whole lines, newline included) unless the player has been dropped.
    /// Returns false when it could not: the player is gone, or is too slow and is dropped now.
    /// </summary>
    public bool TrySend(ReadOnlySpan<byte> message)
    {
        lock (_sendGate)
        {
            if (_dropReason is not null) return false;
            try
            {
                // The slow-consumer rule. A client that stops reading fills its receive buffer, then our
                // send buffer; after that a blocking Send waits, and the relay thread with it, and every
                // other player with the relay (the seed froze everyone this way within 2 seconds).
                // So the socket is non-blocking (set at accept): Send takes what fits and returns at once.
                // A player that is only a little behind gets a short grace to make room; after that it is
                // hopelessly behind, and we drop it. A dead reader costs the relay one grace period, once.
                while (!message.IsEmpty)
                {
                    int sent = Socket.Send(message, SocketFlags.None, out SocketError error);
                    if (error == SocketError.Success)
                    {
                        message = message[sent..];
                    }
                    else if (error != SocketError.WouldBlock)
                    {
                        DropLocked($"send failed ({error})");
                        return false;
                    }
                    else if (!Socket.Poll(_graceMicroseconds, SelectMode.SelectWrite))
                    {
                        DropLocked(TooSlow);
                        return false;
                    }
                }
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Closed under us: the player's own thread will notice and say goodbye.
                DropLocked(e is SocketException s ? $"send failed ({s.SocketErrorCode})" : "closed");
                return false;
            }
        }
    }

    /// <summary>
    /// Hangs up on the player (both directions) without closing the socket: the player's thread wakes from
    /// its receive with end of stream and leaves normally. Only the relay closes the socket, afterwards.
    /// </summary>
    public void Drop(string reason)
    {
        lock (_sendGate) DropLocked(reason);
    }

    private void DropLocked(string reason)
    {
        if (_dropReason is not null) return;
        _dropReason = reason;
        try { Socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* already gone */ }
    }
}
