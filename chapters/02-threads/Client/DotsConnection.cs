using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Dots;

/// <summary>
/// A client's end of the connection: connect with a timeout, read whole lines (with the same
/// <see cref="LineReader"/> the server uses), send moves. Used by the terminal client, the bot and the demo.
/// </summary>
public sealed class DotsConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly LineReader _reader;

    private DotsConnection(Socket socket)
    {
        _socket = socket;
        _reader = new LineReader(into => _socket.Receive(into), maxLineBytes: 64 * 1024);
    }

    public static DotsConnection Connect(IPEndPoint server, TimeSpan timeout)
    {
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
            throw new UserError($"no answer from {Endpoints.Show(server)} after {timeout.TotalSeconds:0.#} s (connecting).");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            socket.Dispose();
            throw new UserError($"connection refused by {Endpoints.Show(server)}: nothing is listening there (is the server running?).");
        }
        return new DotsConnection(socket);
    }

    /// <summary>The next line from the server, or null when the connection has ended (closed or reset).</summary>
    public string? ReadLine()
    {
        try
        {
            while (true)
            {
                LineResult result = _reader.ReadLine();
                if (result.Status == LineStatus.Line) return result.Text;
                if (result.Status != LineStatus.InvalidUtf8) return null;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
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
}
