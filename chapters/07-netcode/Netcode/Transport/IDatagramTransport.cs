using System.Net;

namespace Netcode.Transport;

/// <summary>
/// Where packages go in and out: a UDP socket, or a decorator around one (<see cref="SimulatedNetwork"/>).
/// The server and client only ever talk to this, which is what lets a test put a bad network between them.
/// </summary>
public interface IDatagramTransport : IDisposable
{
    IPEndPoint LocalEndPoint { get; }

    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancel);

    /// <summary>Waits for the next datagram; returns how many bytes were written to <paramref name="buffer"/> and who sent them.</summary>
    ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancel);
}
