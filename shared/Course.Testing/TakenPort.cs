using System.Net;
using System.Net.Sockets;

namespace Course.Testing;

/// <summary>
/// A TCP port on 127.0.0.1 that the test holds open until disposed, so a program told to listen on it finds
/// it taken (the "port N is in use" line every server owes its user).
/// </summary>
public sealed class TakenPort : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public TakenPort()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public void Dispose() => _listener.Dispose();
}
