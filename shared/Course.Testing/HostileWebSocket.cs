using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Course.Testing;

/// <summary>
/// <see cref="HostileServer"/> behaviours for web-socket clients: the upgrade done right (RFC 6455's
/// handshake, by hand), then frames done wrong. Server frames are not masked, so they are easy to write.
/// </summary>
public static class HostileWebSocket
{
    /// <summary>Answers the upgrade request properly, sends <paramref name="first"/> as text messages, then behaves as <paramref name="then"/>.</summary>
    public static HostileServer.Behaviour Upgrade(HostileServer.Behaviour then, params string[] first) => async (client, stop) =>
    {
        string key = await ReadRequestKeyAsync(client, stop);
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await client.SendAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"),
            SocketFlags.None, stop);
        foreach (string message in first) await client.SendAsync(Frame(0x1, fin: true, Encoding.UTF8.GetBytes(message)), SocketFlags.None, stop);
        await then(client, stop);
    };

    /// <summary>A text frame whose header announces 2^62 bytes, followed by 'x' until the server's byte budget ends.</summary>
    public static HostileServer.Behaviour HugeFrame() => async (client, stop) =>
    {
        byte[] header = new byte[10];
        header[0] = 0x81; // FIN, text
        header[1] = 127;  // a 64-bit length follows
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), 1UL << 62);
        await client.SendAsync(header, SocketFlags.None, stop);
        await HostileServer.EndlessLine()(client, stop);
    };

    /// <summary>A text message that never ends: a first frame without FIN, then continuation frames without FIN.</summary>
    public static HostileServer.Behaviour EndlessMessage() => async (client, stop) =>
    {
        byte[] chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)'x');
        await client.SendAsync(Frame(0x1, fin: false, chunk), SocketFlags.None, stop);
        byte[] more = Frame(0x0, fin: false, chunk);
        for (int i = 0; i < 16 * 1024; i++) await client.SendAsync(more, SocketFlags.None, stop); // 256 MiB at most
        await Task.Delay(Timeout.Infinite, stop);
    };

    /// <summary>One unmasked frame with a payload shorter than 64 KiB.</summary>
    public static byte[] Frame(byte opcode, bool fin, byte[] payload)
    {
        int headerLength = payload.Length < 126 ? 2 : 4;
        byte[] frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | opcode);
        if (payload.Length < 126)
        {
            frame[1] = (byte)payload.Length;
        }
        else
        {
            frame[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), checked((ushort)payload.Length));
        }
        payload.CopyTo(frame, headerLength);
        return frame;
    }

    private static async Task<string> ReadRequestKeyAsync(Socket client, CancellationToken stop)
    {
        var request = new StringBuilder();
        byte[] one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && request.Length < 16 * 1024)
        {
            if (await client.ReceiveAsync(one, SocketFlags.None, stop) == 0) throw new IOException("the client left during the upgrade");
            request.Append((char)one[0]);
        }
        foreach (string line in request.ToString().Split("\r\n"))
            if (line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase)) return line[18..].Trim();
        throw new IOException("no Sec-WebSocket-Key in the request");
    }
}
