using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Dots;

/// <summary>
/// The body of one player's thread: read lines, act on them, and leave cleanly however the connection
/// ends. Whatever happens, the player is taken off the table and the relay is told, exactly once.
/// </summary>
public sealed class PlayerThread(ClientSession player, PlayerTable table, Relay relay, ServerOptions options, Log log)
{
    private long _lastHeard = options.Time.GetTimestamp();

    public void Run(CancellationToken stop)
    {
        string goodbye;
        try
        {
            goodbye = Converse(stop);
        }
        catch (IdleException)
        {
            Reply(Messages.Error($"idle for {options.IdleTimeout.TotalSeconds:0.#} s, closing"));
            player.Drop("idle");
            goodbye = $"was idle for {options.IdleTimeout.TotalSeconds:0.#} s";
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
            table.Remove(player.Id);
        }
        log.Line($"player {player.Id} {goodbye}");
        relay.Leave(player);
    }

    /// <summary>Reads and handles lines until the connection ends; returns how it ended.</summary>
    private string Converse(CancellationToken stop)
    {
        var reader = new LineReader(Receive, options.MaxLineBytes);
        while (true)
        {
            LineResult result = reader.ReadLine();
            switch (result.Status)
            {
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
                    HangUpPolitely();
                    return $"sent a line longer than {options.MaxLineBytes} bytes";
            }
        }
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
                relay.Broadcast(Messages.PlayerMoved(player.Id, to), stop);
                break;
            case ("move", _):
                Reply(Messages.Error("usage: move <dx> <dy>"));
                break;
            default:
                Reply(Messages.Error($"unknown command: {Shorten(command)}"));
                break;
        }
    }

    /// <summary>
    /// The <see cref="ByteSource"/> for the line reader: waits for bytes in short slices, so that between
    /// slices it can check the idle timeout. <c>Poll</c> then <c>Receive</c> never blocks in Receive.
    /// </summary>
    private int Receive(Span<byte> into)
    {
        while (true)
        {
            if (options.IdleTimeout > TimeSpan.Zero && options.Time.GetElapsedTime(_lastHeard) >= options.IdleTimeout)
                throw new IdleException();
            int microseconds = (int)options.PollInterval.TotalMicroseconds;
            if (!player.Socket.Poll(microseconds, SelectMode.SelectRead)) continue;

            // Readable means: bytes are waiting, or the stream has ended (then Receive returns 0), or it
            // was reset (then Receive throws).
            int received = player.Socket.Receive(into);
            if (received > 0) _lastHeard = options.Time.GetTimestamp();
            return received;
        }
    }

    /// <summary>Replies to this player alone (errors). The session's send lock keeps it from splitting a relay message.</summary>
    private void Reply(string line) => player.TrySend(Encoding.UTF8.GetBytes(line + "\n"));

    /// <summary>
    /// Closes our sending side after an error reply, then reads and throws away a bounded amount of what
    /// the client is still sending. Closing a socket with unread bytes makes the kernel send a reset, and a
    /// reset can overtake our error line: the client would never learn why we hung up.
    /// </summary>
    private void HangUpPolitely()
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
        player.Drop("sent a line that was too long");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private sealed class IdleException : Exception;
}
