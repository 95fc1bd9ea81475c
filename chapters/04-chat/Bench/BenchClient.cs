using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Chat;

/// <summary>
/// A lightweight client for the bench: reads lines straight off its socket and, for each stamped line
/// ("t=DUE", the Stopwatch time the line was due on the senders' schedule), notes how late it arrived.
/// Thousands of these share the bench process, so the notes are plain numbers, turned into percentiles
/// once a round is over. A talker also sends: the lines handed to it, one at a time, in order.
/// </summary>
internal sealed class BenchClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<long> _late = [];
    private readonly Task _reading;
    private readonly Channel<string> _toSend = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private Task _sending = Task.CompletedTask;
    private volatile bool _recording;
    private long _roundStart;

    private BenchClient(Socket socket, bool neverRead)
    {
        _socket = socket;
        _reading = neverRead ? Task.CompletedTask : ReadLoopAsync();
    }

    /// <param name="welcome">Wait for the server's first line (the chat's welcome): only then is the client in the room.</param>
    /// <param name="neverRead">A client that never calls Receive, with a tiny receive buffer: the slow reader.</param>
    public static async Task<BenchClient> ConnectAsync(IPEndPoint server, bool welcome, CancellationToken cancel, bool neverRead = false)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Set before connecting, so the advertised window is small too: the kernel can buffer little for it.
        if (neverRead) socket.ReceiveBufferSize = 4096;
        await socket.ConnectAsync(server, cancel);
        if (welcome)
        {
            byte[] one = new byte[1];
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            while (await socket.ReceiveAsync(one, limit.Token) == 1 && one[0] != '\n') { }
        }
        return new BenchClient(socket, neverRead);
    }

    /// <summary>Lines received in this round.</summary>
    public int Received { get { lock (_late) return _late.Count; } }

    /// <summary>Starts noting arrivals (and forgets the last round's).</summary>
    public void StartRound()
    {
        lock (_late)
        {
            _late.Clear();
            _roundStart = Stopwatch.GetTimestamp();
        }
        _recording = true;
    }

    /// <summary>Stops noting; returns how late each line of the round arrived, in Stopwatch ticks.</summary>
    public long[] EndRound()
    {
        _recording = false;
        lock (_late) return [.. _late];
    }

    /// <summary>Hands a line to this talker; it is sent after the ones before it, never blocking the caller.</summary>
    public void Say(string line)
    {
        if (_sending.IsCompleted) _sending = SendLoopAsync();
        _toSend.Writer.TryWrite(line);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (await _toSend.Reader.WaitToReadAsync())
                while (_toSend.Reader.TryRead(out string? line))
                    await _socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* closed at the end */ }
    }

    private async Task ReadLoopAsync()
    {
        byte[] buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (true)
            {
                int n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                if (n == 0) return;
                long now = Stopwatch.GetTimestamp();
                filled += n;
                int start = 0;
                for (int newline; (newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0; start = newline + 1)
                    Note(buffer.AsSpan(start, newline - start), now);
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                if (filled == buffer.Length) filled = 0; // a line longer than the buffer: not ours
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Note(ReadOnlySpan<byte> line, long now)
    {
        if (!_recording) return;
        int at = line.IndexOf("t="u8);
        if (at < 0) return;
        ReadOnlySpan<byte> digits = line[(at + 2)..];
        int end = digits.IndexOf((byte)' ');
        if (end >= 0) digits = digits[..end];
        if (!long.TryParse(digits, out long due)) return;
        // A straggler from an earlier round (a server that fell behind) belongs to that round, not this one.
        lock (_late)
            if (due >= _roundStart) _late.Add(now - due);
    }

    public async ValueTask DisposeAsync()
    {
        _toSend.Writer.TryComplete();
        _socket.Dispose();
        await _reading;
        await _sending;
    }
}
