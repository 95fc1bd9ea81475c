using System.Net;
using System.Net.Sockets;

namespace Dots;

/// <summary>
/// The floor: the least a relay can cost here. It accepts two connections and copies every byte from the
/// first to the second on one thread: no protocol, no queue, no lock. The dots server is measured against
/// it in the same run.
/// </summary>
public sealed class FloorForwarder : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Thread _thread;

    public FloorForwarder()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _thread = new Thread(Forward) { IsBackground = true, Name = "floor forwarder" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    private void Forward()
    {
        try
        {
            using Socket from = _listener.Accept();
            using Socket to = _listener.Accept();
            to.NoDelay = true;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = from.Receive(buffer)) > 0) to.Send(buffer, 0, n, SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed at the end of the measurement.
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
