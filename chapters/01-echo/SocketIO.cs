using System.Net.Sockets;

namespace Echo;

/// <summary>
/// The two loops every TCP program needs, because a stream socket moves bytes, not messages:
/// one <c>Send</c> may take only part of a buffer, and one <c>Receive</c> returns whatever has arrived so far.
/// </summary>
public static class SocketIO
{
    /// <summary>Sends every byte of <paramref name="data"/> (Python's <c>sendall</c>).</summary>
    public static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        // A blocking Send usually takes everything, but with a send timeout, or on some platforms, it
        // may return early having sent only a part. Loop until nothing is left.
        while (!data.IsEmpty)
        {
            int sent = socket.Send(data);
            data = data[sent..];
        }
    }

    /// <summary>
    /// Receives until <paramref name="buffer"/> is full and returns its length, or returns fewer bytes if
    /// the peer closed the connection first (end of stream). Never returns a short count otherwise.
    /// </summary>
    public static int ReceiveExactly(Socket socket, Span<byte> buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int received = socket.Receive(buffer[filled..]);
            // Receive returns 0 only at end of stream: the peer closed its side. Stop here; looping on
            // would spin forever on empty reads (the seed client's 100% CPU bug).
            if (received == 0) break;
            filled += received;
        }
        return filled;
    }
}
