using System.Net;
using System.Net.Sockets;
using Agar.Net;
using Course.Testing;
using Netcode.State;
using Netcode.Wire;

namespace Agar.Tests.Hostile;

/// <summary>
/// The fake-player probe: many UDP sockets on 127.0.0.2, each sending one package with a "join", then an
/// "input" package ten times a second, and never reading what comes back. Each socket is a new port, so to
/// the server each is a new client.
/// </summary>
internal sealed class FakeCrowd : IDisposable
{
    private readonly List<Socket> _sockets = [];
    private readonly IPEndPoint _server;

    public FakeCrowd(IPEndPoint server, int count)
    {
        _server = server;
        for (int i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(Attacker.Address, 0));
            _sockets.Add(socket);
        }
    }

    public long Sent { get; private set; }

    /// <summary>Every socket sends its join, then inputs at <paramref name="inputsPerSecond"/> until cancelled.</summary>
    public async Task RunAsync(double inputsPerSecond, CancellationToken stop)
    {
        byte[] join = Package(1, new NetEvent(Messages.Join, "fake"));
        foreach (Socket socket in _sockets) Send(socket, join);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / inputsPerSecond));
        for (ushort sequence = 2; !stop.IsCancellationRequested; sequence++)
        {
            byte[] input = Package(sequence, new NetEvent(Messages.Input, (long)sequence, 1.0, 0.0));
            foreach (Socket socket in _sockets) Send(socket, input);
            try { await timer.WaitForNextTickAsync(stop); }
            catch (OperationCanceledException) { break; }
        }
    }

    private void Send(Socket socket, byte[] package)
    {
        try
        {
            socket.SendTo(package, _server);
            Sent++;
        }
        catch (SocketException) { } // a full send buffer: the probe just loses that one
    }

    private static byte[] Package(ushort sequence, NetEvent e) =>
        Packages.EncodeClient(new PackageHeader(new Sqn(sequence), Sqn.None, 0), Sqn.None, [e.Encode()]);

    public void Dispose()
    {
        foreach (Socket socket in _sockets) socket.Dispose();
    }
}
