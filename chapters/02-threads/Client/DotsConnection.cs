using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Dots;

/// <summary>
/// A client's end of the connection: connect with a timeout, say <c>join</c> and wait (bounded) for the
/// greeting, read whole lines (with the same <see cref="LineReader"/> and the same limit the server uses),
/// send moves. Used by the terminal client, the bot and the demo.
/// </summary>
/// <remarks>
/// A client trusts its server no more than the server trusts it. Whatever answers on that port may send a
/// line that never ends, bytes that are not text, or nothing at all: each ends the connection with one
/// line that says what happened (<see cref="Ending"/>), in bounded time and bounded memory.
/// </remarks>
public sealed class DotsConnection : IDisposable
{
    /// <summary>The longest line we accept from a server, as the server accepts from us (its lines are far shorter).</summary>
    public const int MaxLineBytes = 1024;

    private readonly Socket _socket;
    private readonly LineReader _reader;
    private string? _greeting;

    private DotsConnection(Socket socket)
    {
        _socket = socket;
        _reader = new LineReader(into => _socket.Receive(into), MaxLineBytes);
    }

    /// <summary>Why <see cref="ReadLine"/> returned null: one line for the user.</summary>
    public string Ending { get; private set; } = "the server closed the connection";

    public static DotsConnection Connect(IPEndPoint server, TimeSpan timeout)
    {
        string where = Endpoints.Show(server);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Connect has no timeout of its own; the asynchronous one takes a token we can time out.
            using var deadline = new CancellationTokenSource(timeout);
            socket.ConnectAsync(server, deadline.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            throw new UserError($"no answer from {where} after {timeout.TotalSeconds:0.#} s (connecting).");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            socket.Dispose();
            throw new UserError($"connection refused by {where}: nothing is listening there (is the server running?).");
        }
        var connection = new DotsConnection(socket);
        try
        {
            connection.Greet(where, timeout);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The handshake: say join, and expect <c>myIDis N</c> within the timeout, or know why not.</summary>
    private void Greet(string where, TimeSpan timeout)
    {
        SendLine(Messages.Join);
        // One deadline for the whole greeting, not one per receive: a server that trickles a byte now and
        // then would otherwise keep us waiting for ever. When it passes, hanging up wakes the read.
        int late = 0;
        string? first;
        using (new Timer(_ => { Volatile.Write(ref late, 1); Close(); }, null, timeout, Timeout.InfiniteTimeSpan))
            first = ReadLine();
        if (Volatile.Read(ref late) == 1 && first is null)
            throw new UserError($"no greeting from {where} after {timeout.TotalSeconds:0.#} s: is it a dots server?");
        if (first is null) throw new UserError($"{where} did not greet us: {Ending}.");
        if (first.StartsWith("error ", StringComparison.Ordinal))
            throw new UserError($"{where} turned us away: {Printable(first[6..])}");
        if (!Messages.TryParse(first, out string command, out int[] n) || command != "myIDis" || n.Length != 1)
            throw new UserError($"{where} is not a dots server: its first line is not 'myIDis <id>'.");
        _greeting = first; // the first ReadLine hands it to the caller, who wants to know its id
    }

    /// <summary>The next line from the server, or null when the connection has ended (<see cref="Ending"/> says why).</summary>
    public string? ReadLine()
    {
        if (Interlocked.Exchange(ref _greeting, null) is { } greeting) return greeting;
        try
        {
            LineResult result = _reader.ReadLine();
            if (result.Status == LineStatus.Line) return result.Text;
            Ending = result.Status switch
            {
                LineStatus.TooLong => $"the server sent a line longer than {MaxLineBytes} bytes (not a dots server?)",
                LineStatus.InvalidUtf8 => "the server sent a line that is not UTF-8 (not a dots server?)",
                LineStatus.EndMidLine => "the server closed the connection in the middle of a line",
                _ => "the server closed the connection",
            };
            return null;
        }
        catch (SocketException e)
        {
            Ending = $"the connection to the server broke ({e.SocketErrorCode})";
            return null;
        }
        catch (ObjectDisposedException)
        {
            Ending = "closed";
            return null;
        }
    }

    /// <summary>Asks the server to move our dot; false if the connection is gone.</summary>
    public bool Move(int dx, int dy) => SendLine(Messages.Move(dx, dy));

    public bool SendLine(string line)
    {
        try
        {
            _socket.Send(Encoding.UTF8.GetBytes(line + "\n"));
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Says goodbye (end of stream), which also wakes a thread blocked in <see cref="ReadLine"/>.</summary>
    public void Close()
    {
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Text from the server, fit for a terminal: control characters (escape sequences) become '?', and it stays short.</summary>
    public static string Printable(string text)
    {
        string shown = text.Length <= 80 ? text : text[..80] + "...";
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
