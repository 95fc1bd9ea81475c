using System.Net;
using System.Net.Sockets;
using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>
/// A hand-driven client for attack tests: we choose every sequence number and byte, so we can send what a
/// broken network or a hostile peer would (duplicates, stale packages, garbage), then check the server still answers.
/// </summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _server;
    private readonly AckWindow _received = new();

    /// <param name="from">The address to send from: 127.0.0.1 by default; attack tests use 127.0.0.2.</param>
    public RawPeer(IPEndPoint server, IPAddress? from = null)
    {
        _server = server;
        _socket.Bind(new IPEndPoint(from ?? IPAddress.Loopback, 0));
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;
    public GameState State { get; } = new();

    public void SendRaw(byte[] datagram) => _socket.SendTo(datagram, _server);

    public byte[] Package(ushort sequence, params NetEvent[] events) =>
        Packages.EncodeClient(new PackageHeader(new Sqn(sequence), _received.Newest, _received.Bits), State.TimeOrder, events.Select(e => e.Encode()).ToList());

    public void Send(ushort sequence, params NetEvent[] events) => SendRaw(Package(sequence, events));

    /// <summary>Reads server packages (applying their updates) until <paramref name="condition"/> holds; bounded.</summary>
    public async Task<bool> ReceiveUntil(Func<GameState, bool> condition, TimeSpan timeout)
    {
        var buffer = new byte[65536];
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (!condition(State))
            {
                SocketReceiveFromResult r = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), limit.Token);
                var (header, update, _) = Packages.DecodeServer(buffer.AsMemory(0, r.ReceivedBytes));
                _received.Record(header.Sequence);
                State.Apply(GameStateUpdate.Decode(update));
            }
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    public void Dispose() => _socket.Dispose();
}
