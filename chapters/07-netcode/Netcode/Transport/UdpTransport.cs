using System.Net;
using System.Net.Sockets;

namespace Netcode.Transport;

/// <summary>One unconnected UDP socket (PyGaSe uses IPv4; IPv6 works here too).</summary>
public sealed class UdpTransport : IDatagramTransport
{
    private readonly Socket _socket;

    public UdpTransport(IPEndPoint bindTo)
    {
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Room for bursts: 256 clients × 40 packages a second arrive faster than one thread may wake up.
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.SendBufferSize = 4 * 1024 * 1024;
        if (OperatingSystem.IsWindows())
        {
            // Windows reports an ICMP "port unreachable" from an earlier send as an error on the next receive,
            // which would end the receive loop because one client went away. Turn that off.
            const int SioUdpConnReset = unchecked((int)0x9800000C);
            _socket.IOControl(SioUdpConnReset, [0, 0, 0, 0], null);
        }
        _socket.Bind(bindTo);
        // Sends never wait: a datagram the kernel cannot take right now (its buffer is full) is a lost
        // package, which the protocol copes with, not a reason to stall the loop that sends to everyone.
        _socket.Blocking = false;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Hands the datagram to the kernel and returns at once (completed): a UDP send has nobody to wait for.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancel)
    {
        try
        {
            _socket.SendTo(datagram.Span, SocketFlags.None, to);
        }
        catch (SocketException)
        {
            // UDP promises nothing; a send the kernel refuses (buffer full, no route) is a lost package.
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancel);
                return (result.ReceivedBytes, (IPEndPoint)result.RemoteEndPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                // An ICMP error for an earlier send, or a datagram bigger than our buffer: skip it, keep serving.
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
