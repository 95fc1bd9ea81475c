using System.Buffers;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using Course.Cli;

namespace Chat;

/// <summary>
/// One connected client, served by two tasks joined by its <see cref="Outbox"/>:
/// the reader task turns the client's lines into messages and commands; the writer task sends whatever
/// is queued for the client. Neither ever waits for another client.
/// </summary>
/// <remarks>
/// Closing, whoever starts it (the client's /quit, a full outbox, flood control, the idle timeout,
/// server shutdown):
/// 1. <see cref="Close"/> records the reason once, closes the outbox and stops the reader.
/// 2. The writer sends what is still queued, then the last words (the goodbye or the reason), unless
///    <see cref="ChatServerOptions.CloseGrace"/> runs out first: a client that does not read gets no more time.
/// 3. The session leaves the room (the others hear why), and the connection is closed politely.
/// </remarks>
public sealed class ChatSession
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Room _room;
    private readonly ChatServerOptions _options;
    private readonly Log _log;
    private readonly Outbox _outbox;
    private readonly CancellationTokenSource _stopReading = new();
    private readonly CancellationTokenSource _abortWriting = new();
    private int _closed;
    private string _reason = "connection lost";
    private byte[]? _lastWords;

    public ChatSession(Socket socket, Stream stream, Room room, ChatServerOptions options, Log log)
    {
        _socket = socket;
        _stream = stream;
        _room = room;
        _options = options;
        _log = log;
        _outbox = new Outbox(options.OutboxCapacity);
        Peer = Endpoints.Show(socket.RemoteEndPoint);
    }

    public string Peer { get; }

    /// <summary>Set by the <see cref="Room"/>, which keeps nicknames unique.</summary>
    public string Nick { get; set; } = "";

    public bool IsClosing => Volatile.Read(ref _closed) != 0;

    /// <summary>Lines in this client's outbox, waiting for its writer task (the chapter's figure plots it).</summary>
    public int Waiting => _outbox.Waiting;

    /// <summary>Queues a line for this client only.</summary>
    public void Tell(string line) => Post(Room.Encode(line));

    /// <summary>
    /// Queues encoded bytes without waiting. If the outbox is full, the client is not keeping up: we
    /// disconnect it rather than wait (which would stall the sender, and through it everyone) or drop
    /// the line silently (the client would read a conversation with holes and never know).
    /// </summary>
    public void Post(byte[] line)
    {
        if (IsClosing) return;
        if (!_outbox.TryPost(line))
            Close($"too slow: {_options.OutboxCapacity} lines waiting", "! disconnected: you were not reading your messages");
    }

    /// <summary>Starts closing (once; later calls do nothing). <paramref name="lastWords"/> is sent after the queued lines.</summary>
    public void Close(string reason, string? lastWords = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _reason = reason;
        _lastWords = lastWords is null ? null : Room.Encode(lastWords);
        _outbox.Close();
        // CancelAsync: the reader's continuation must not run inline here, inside someone else's broadcast.
        _ = _stopReading.CancelAsync();
        _abortWriting.CancelAfter(_options.CloseGrace);
    }

    /// <summary>Serves the client until it leaves or is closed. Never throws for network trouble.</summary>
    public async Task RunAsync()
    {
        Task writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Cancelled by Close, or the connection broke: either way the reason is already known.
        }
        Close(_reason);
        _room.Leave(this, _reason);
        await writing;
        await HangUpAsync(politely: !_abortWriting.IsCancellationRequested);
    }

    private async Task ReadLoopAsync()
    {
        var lines = new LineReader(_stream, _options.MaxLineBytes);
        var flood = new FloodGate(_options.MessagesPerSecond, _options.Burst, _options.FloodStrikes, _options.Time);
        // The idle clock: pushed back by every line; when it runs out, the read is cancelled.
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _options.Time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(_stopReading.Token, idle.Token);
        while (!IsClosing)
        {
            if (_options.IdleTimeout > TimeSpan.Zero) idle.CancelAfter(_options.IdleTimeout);
            LineResult result;
            try
            {
                result = await lines.ReadLineAsync(reading.Token);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !_stopReading.IsCancellationRequested)
            {
                string seconds = $"{_options.IdleTimeout.TotalSeconds:0.#} s";
                Close($"idle for {seconds}", $"! disconnected: nothing from you for {seconds}");
                return;
            }
            switch (result.Status)
            {
                case LineStatus.EndOfStream:
                    Close(lines.HadPartialLine ? "connection closed mid-line" : "connection closed");
                    return;
                case LineStatus.TooLong:
                    Close("line too long", $"! disconnected: a line may have at most {_options.MaxLineBytes} bytes");
                    return;
                case LineStatus.NotUtf8:
                    Tell("! that line was not valid UTF-8 and was dropped");
                    continue;
            }

            switch (flood.Check())
            {
                case FloodVerdict.Pass:
                    ChatCommands.Execute(this, _room, result.Text);
                    break;
                case FloodVerdict.Warn:
                    Tell($"! slow down: about {_options.MessagesPerSecond:0.#} lines a second at most; your lines are being dropped");
                    break;
                case FloodVerdict.Disconnect:
                    Close("flooding", "! disconnected: too many lines too fast");
                    return;
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new ArrayBufferWriter<byte>();
        CancellationToken abort = _abortWriting.Token;
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(abort))
            {
                // Everything queued goes out in one write: under load that is one system call for many lines.
                batch.ResetWrittenCount();
                while (batch.WrittenCount < 16 * 1024 && _outbox.Reader.TryRead(out byte[]? line)) batch.Write(line);
                await _stream.WriteAsync(batch.WrittenMemory, abort);
            }
            if (_lastWords is { } last) await _stream.WriteAsync(last, abort);
            await _stream.FlushAsync(abort);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Out of grace time, or the connection broke: nothing more can reach this client.
            _abortWriting.Cancel();
        }
    }

    /// <summary>
    /// Closes the connection. Politely: send our FIN, then read and discard what the client still sends
    /// for a moment. Closing a socket with unread data makes the kernel send a reset, and a reset can
    /// destroy our last words before the client has read them.
    /// </summary>
    private async Task HangUpAsync(bool politely)
    {
        try
        {
            if (politely)
            {
                if (_stream is SslStream tls) await tls.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(1));
                _socket.Shutdown(SocketShutdown.Send);
                using var linger = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                byte[] discard = new byte[4096];
                for (int total = 0; total < 1 << 20;)
                {
                    int n = await _socket.ReceiveAsync(discard, SocketFlags.None, linger.Token);
                    if (n == 0) break;
                    total += n;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or IOException or SocketException or ObjectDisposedException)
        {
            // The client did not close in time or is gone already; close anyway.
        }
        finally
        {
            await _stream.DisposeAsync();
            _socket.Dispose();
        }
    }
}
