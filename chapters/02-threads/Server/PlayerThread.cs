using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Dots;

/// <summary>
/// The body of one connection's thread: wait for <c>join</c>, then read lines, act on them, and leave
/// cleanly however the connection ends. Whatever happens, a player who joined is taken off the table and
/// the relay is told, exactly once; a connection that never joined is closed here, and nobody hears of it.
/// </summary>
public sealed class PlayerThread(ClientSession player, PlayerTable table, Relay relay, ServerOptions options, Log log)
{
    private readonly long _connected = options.Time.GetTimestamp();
    private long _lastHeard = options.Time.GetTimestamp();
    private bool _joined;

    public void Run(CancellationToken stop)
    {
        string goodbye;
        try
        {
            goodbye = Converse(stop);
        }
        catch (TimeUpException e)
        {
            Reply(Messages.Error($"{e.Message}, closing"));
            player.Drop(e.Message);
            goodbye = e.Goodbye;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted
                                            or SocketError.Shutdown or SocketError.TimedOut)
        {
            // The seed let this escape; the thread died without removing the player, and the relay died
            // on its next send to the dead socket. Here it is an ordinary way to leave.
            goodbye = $"went away ({e.SocketErrorCode})";
        }
        catch (OperationCanceledException)
        {
            goodbye = "was disconnected: server stopping"; // waiting for room in the relay queue when we stopped
        }
        finally
        {
            if (_joined) table.Remove(player.Id);
        }
        if (_joined)
        {
            log.Line($"player {player.Id} {goodbye}");
            relay.Leave(player);
        }
        else
        {
            // Never a player: the relay never knew it, so closing the socket is ours to do.
            log.Line($"connection {player.Id} from {player.Peer} {goodbye}");
            player.Socket.Dispose();
        }
    }

    /// <summary>Reads and handles lines until the connection ends; returns how it ended.</summary>
    private string Converse(CancellationToken stop)
    {
        var reader = new LineReader(Receive, options.MaxLineBytes);
        while (true)
        {
            LineResult result = reader.ReadLine();
            if (result.Status is LineStatus.Line or LineStatus.InvalidUtf8)
                _lastHeard = options.Time.GetTimestamp(); // a whole line, good or bad: the player is there
            switch (result.Status)
            {
                case LineStatus.Line when !_joined:
                    if (result.Text == Messages.Join)
                    {
                        Join();
                        break;
                    }
                    // The handshake is strict: whatever else this is, it is not a client of ours.
                    Reply(Messages.Error($"say \"{Messages.Join}\" first, closing"));
                    HangUpPolitely("did not say join first");
                    return "did not say join first";
                case LineStatus.Line:
                    Handle(result.Text, stop);
                    break;
                case LineStatus.InvalidUtf8:
                    Reply(Messages.Error("invalid UTF-8, line ignored"));
                    break;
                case LineStatus.End:
                    // End of stream: the client closed, or we hung up on it (too slow, server stopping).
                    return player.DropReason is { } reason ? $"was disconnected: {reason}" : "left";
                case LineStatus.EndMidLine:
                    return "left in the middle of a line (the half line was thrown away)";
                case LineStatus.TooLong:
                    Reply(Messages.Error($"line longer than {options.MaxLineBytes} bytes, closing"));
                    HangUpPolitely("sent a line that was too long");
                    return $"sent a line longer than {options.MaxLineBytes} bytes";
            }
        }
    }

    /// <summary>The handshake is over: now the connection is a player, and everyone hears of it.</summary>
    private void Join()
    {
        Position at = table.Add(player.Id);
        _joined = true;
        log.Line($"player {player.Id} joined from {player.Peer} at {at.X},{at.Y}");
        // Queued before any move of this player is handled (the next line, on this very thread).
        relay.Join(player);
    }

    private void Handle(string line, CancellationToken stop)
    {
        if (!Messages.TryParse(line, out string command, out int[] numbers))
        {
            Reply(Messages.Error($"numbers expected: {Shorten(line)}"));
            return;
        }
        switch (command, numbers.Length)
        {
            case ("move", 2):
                // The smallest critical section: the lock is held inside Move only. Formatting and
                // queueing happen outside it.
                Position to = table.Move(player.Id, numbers[0], numbers[1]);
                string moved = Messages.PlayerMoved(player.Id, to);
                if (options.Trace.Enabled) TraceMove(line, moved);
                relay.Broadcast(moved, stop);
                break;
            case ("move", _):
                Reply(Messages.Error("usage: move <dx> <dy>"));
                break;
            case (Messages.Join, 0):
                Reply(Messages.Error("you have joined already"));
                break;
            default:
                Reply(Messages.Error($"unknown command: {Shorten(command)}"));
                break;
        }
    }

    /// <summary>
    /// The <see cref="ByteSource"/> for the line reader: waits for bytes in short slices, so that between
    /// slices it can check the clock. <c>Poll</c> then <c>Receive</c> never blocks in Receive.
    /// </summary>
    private int Receive(Span<byte> into)
    {
        while (true)
        {
            // Two clocks: a new connection has a few seconds to say "join"; a player, a few minutes between
            // whole lines. Bytes that never make a line do not count (see the Converse loop).
            if (!_joined && options.Time.GetElapsedTime(_connected) >= options.HandshakeTimeout)
                throw new TimeUpException($"no join within {options.HandshakeTimeout.TotalSeconds:0.#} s", "said no join in time");
            if (_joined && options.IdleTimeout > TimeSpan.Zero && options.Time.GetElapsedTime(_lastHeard) >= options.IdleTimeout)
                throw new TimeUpException($"idle for {options.IdleTimeout.TotalSeconds:0.#} s", $"was idle for {options.IdleTimeout.TotalSeconds:0.#} s");
            int microseconds = (int)options.PollInterval.TotalMicroseconds;
            if (!player.Socket.Poll(microseconds, SelectMode.SelectRead)) continue;

            // Readable means: bytes are waiting, or the stream has ended (then Receive returns 0), or it
            // was reset (then Receive throws).
            return player.Socket.Receive(into);
        }
    }

    /// <summary>Replies to this player alone (errors). The session's send lock keeps it from splitting a relay message.</summary>
    private void Reply(string line) => player.TrySend(Encoding.UTF8.GetBytes(line + "\n"));

    /// <summary>For the chapter's figure: this thread read a move, and hands its result to the relay.</summary>
    private void TraceMove(string line, string moved)
    {
        string lane = $"player {player.Id}'s thread";
        options.Trace.Receive(lane, $"{line} from {player.Id}", $"reads {line}");
        options.Trace.Send(lane, moved, $"queues {Relay.Words(moved)}");
    }

    /// <summary>
    /// Closes our sending side after an error reply, then reads and throws away a bounded amount of what
    /// the client is still sending. Closing a socket with unread bytes makes the kernel send a reset, and a
    /// reset can overtake our error line: the client would never learn why we hung up.
    /// </summary>
    private void HangUpPolitely(string reason)
    {
        try
        {
            player.Socket.Shutdown(SocketShutdown.Send);
            byte[] sink = new byte[16 * 1024];
            int budget = 256 * 1024;
            var limit = System.Diagnostics.Stopwatch.StartNew();
            while (budget > 0 && limit.Elapsed < TimeSpan.FromSeconds(1) && player.Socket.Poll(100_000, SelectMode.SelectRead))
            {
                int n = player.Socket.Receive(sink);
                if (n == 0) break;
                budget -= n;
            }
        }
        catch (SocketException) { /* the client hung up first: nothing left to protect */ }
        player.Drop(reason);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>A clock ran out (handshake or idle): the message is for the client, the goodbye for the log.</summary>
    private sealed class TimeUpException(string message, string goodbye) : Exception(message)
    {
        public string Goodbye { get; } = goodbye;
    }
}
