using System.Net;
using System.Net.Sockets;
using Listening;

namespace Offloading.Scale;

/// <summary>
/// A loopback port that nobody listens on right now, for the programs that cannot take port 0 and tell
/// us what they got (redis-server reads 0 as "no TCP at all"; haproxy would not say). Another program
/// could take the port between our look and theirs: then theirs fails to start, with its own message.
/// </summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// A clear error now if something already listens on <paramref name="port"/>: otherwise the check
    /// below would take that other program's answer for our program's.
    /// </summary>
    public static void EnsureFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // As the servers do: a connection of an earlier run waiting out TIME_WAIT does not count as "in use".
        // SO_REUSEADDR alone (chapter 01's QuickRestart): with SO_REUSEPORT too, this bind would succeed
        // beside an haproxy that listens with SO_REUSEPORT, and the port would look free when it is not.
        QuickRestart.Allow(socket);
        Listener.Bind(socket, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>; false if the program exits first or time runs out.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, Task exited, TimeSpan timeout, CancellationToken cancel)
    {
        var limit = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < limit && !exited.IsCompleted)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancel).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancel).ConfigureAwait(false);
            }
        }
        return false;
    }
}
