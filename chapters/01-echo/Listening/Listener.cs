using System.Net;
using System.Net.Sockets;

namespace Listening;

/// <summary>
/// The listening socket of chapter 01's <c>EchoServer</c>, in one call for the servers after it: the
/// recipe is the same every time, and a recipe copied into each server is a recipe that drifts (one copy
/// once set .NET's ReuseAddress, and with it the SO_REUSEPORT trap <see cref="QuickRestart"/> avoids).
/// </summary>
public static class Listener
{
    /// <summary>
    /// socket(), SO_REUSEADDR alone, bind(), listen(): a socket that accepts connections on
    /// <paramref name="endPoint"/> (port 0: any free port; read <c>LocalEndPoint</c> for the one chosen).
    /// </summary>
    /// <exception cref="Course.Cli.UserError">The port is taken, or the address is not this machine's.</exception>
    public static Socket Open(IPEndPoint endPoint, int backlog)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            QuickRestart.Allow(listener);
            Bind(listener, endPoint);
            listener.Listen(backlog);
            return listener;
        }
        catch
        {
            // Nobody else holds it yet: a socket that failed to listen must not linger until the finalizer.
            listener.Dispose();
            throw;
        }
    }

    /// <summary>bind(), with the user's mistakes (port taken, address not here) turned into one clear line.</summary>
    public static void Bind(Socket socket, IPEndPoint endPoint)
    {
        try
        {
            socket.Bind(endPoint);
        }
        catch (SocketException e) when (BindErrors.CanExplain(e))
        {
            throw BindErrors.Explain(e, endPoint);
        }
    }
}
