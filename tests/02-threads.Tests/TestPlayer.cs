using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dots.Tests;

/// <summary>
/// A raw-socket player for tests: sends exactly the bytes a test asks for and reads whole lines with a
/// time limit, so a test can play any client, polite or not.
/// </summary>
internal sealed class TestPlayer : IDisposable
{
    private readonly LineReader _reader;

    /// <param name="join">Say <c>join</c> at once, as every honest client does; false plays one that does not.</param>
    /// <param name="from">The local address to connect from (an attacker's, 127.0.0.2); null: the usual one.</param>
    public TestPlayer(IPEndPoint server, int receiveBufferBytes = 0, bool join = true, IPAddress? from = null)
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferBytes > 0) Socket.ReceiveBufferSize = receiveBufferBytes; // before connect, so the window is small
        if (from is not null) Socket.Bind(new IPEndPoint(from, 0));
        Socket.Connect(server);
        Socket.ReceiveTimeout = 20_000; // every wait in a test is bounded
        _reader = new LineReader(into => Socket.Receive(into), 64 * 1024);
        if (join) Send("join\n");
    }

    public Socket Socket { get; }
    public List<string> Received { get; } = [];

    public void Send(string text) => Socket.Send(Encoding.UTF8.GetBytes(text));

    /// <summary>The next line, or null at end of stream (or reset).</summary>
    public string? NextLine()
    {
        try
        {
            LineResult result = _reader.ReadLine();
            if (result.Status != LineStatus.Line) return null;
            Received.Add(result.Text);
            return result.Text;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset)
        {
            return null;
        }
    }

    /// <summary>Reads until a line equals <paramref name="line"/>; fails on end of stream or timeout.</summary>
    public void Expect(string line) => ExpectMatch(l => l == line, line);

    public string ExpectMatch(Func<string, bool> match, string what)
    {
        while (true)
        {
            string? next;
            try
            {
                next = NextLine();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                throw new Xunit.Sdk.XunitException($"no '{what}' within {Socket.ReceiveTimeout / 1000} s; got: {string.Join(" | ", Received)}");
            }
            if (next is null) throw new Xunit.Sdk.XunitException($"connection ended while waiting for '{what}'; got: {string.Join(" | ", Received)}");
            if (match(next)) return next;
        }
    }

    /// <summary>Reads until end of stream; returns the lines read meanwhile.</summary>
    public List<string> ReadToEnd()
    {
        var lines = new List<string>();
        while (NextLine() is { } line) lines.Add(line);
        return lines;
    }

    public void Dispose() => Socket.Dispose();
}
