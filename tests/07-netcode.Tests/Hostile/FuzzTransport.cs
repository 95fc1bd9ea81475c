using System.Collections.Concurrent;
using System.Net;
using Netcode.Transport;

namespace Netcode.Tests.Hostile;

/// <summary>
/// A real UDP socket with a queue of injected datagrams in front: the server's receive loop reads the
/// injected ones first (from 64 made-up addresses on 127.0.0.3), then real ones. What the server sends to a
/// made-up address goes nowhere. This feeds a million datagrams to a receive loop in seconds, with no
/// kernel buffer in between to drop them.
/// </summary>
internal sealed class FuzzTransport(IPEndPoint bindTo) : IDatagramTransport
{
    private static readonly IPAddress Fake = IPAddress.Parse("127.0.0.3");
    private readonly UdpTransport _real = new(bindTo);
    private readonly ConcurrentQueue<(byte[] Datagram, IPEndPoint From)> _injected = new();

    public IPEndPoint LocalEndPoint => _real.LocalEndPoint;
    public int Waiting => _injected.Count;

    public void Inject(byte[] datagram, int n) => _injected.Enqueue((datagram, new IPEndPoint(Fake, 1000 + n % 64)));

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancel) =>
        to.Address.Equals(Fake) ? ValueTask.CompletedTask : _real.SendAsync(datagram, to, cancel);

    public ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancel)
    {
        if (_injected.TryDequeue(out var next))
        {
            int length = Math.Min(next.Datagram.Length, buffer.Length);
            next.Datagram.AsSpan(0, length).CopyTo(buffer.Span);
            return ValueTask.FromResult((length, next.From));
        }
        return _real.ReceiveAsync(buffer, cancel);
    }

    public void Dispose() => _real.Dispose();
}
