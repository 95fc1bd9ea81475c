using System.Net;
using System.Net.Sockets;

namespace Echo;

/// <summary>
/// The loopback floor: the least a TCP round trip can cost on this machine. One thread receives whatever
/// arrives and sends it straight back; no logging, no options, no protocol. Our echo server is measured
/// against it in the same run.
/// </summary>
public sealed class FloorServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Thread _thread;

    public FloorServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _thread = new Thread(Serve) { IsBackground = true, Name = "ping-pong floor" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    private void Serve()
    {
        try
        {
            byte[] buffer = new byte[64 * 1024];
            while (true)
            {
                using Socket peer = _listener.Accept();
                peer.NoDelay = true;
                int n;
                while ((n = peer.Receive(buffer)) > 0) peer.Send(buffer, 0, n, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener was disposed at the end of the measurement.
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _thread.Join();
    }
}
