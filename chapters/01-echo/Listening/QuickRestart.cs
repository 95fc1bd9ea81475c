using System.Net.Sockets;

namespace Listening;

/// <summary>
/// SO_REUSEADDR, and only that: a restarted server may bind its port at once, even while connections of
/// the previous run linger in TIME_WAIT, but a second server still cannot bind a port that one is using.
/// </summary>
/// <remarks>
/// On Linux and macOS, .NET's <c>Bind</c> already sets SO_REUSEADDR on every TCP socket (to behave like
/// Windows), so this call repeats it; we keep it because it is the step every sockets tutorial shows, and
/// because it makes the intent visible. The trap is the obvious one-liner instead.
/// Why not <c>SetSocketOption(SocketOptionName.ReuseAddress, true)</c>? On Linux and macOS .NET turns it
/// into SO_REUSEADDR <em>and</em> SO_REUSEPORT, and SO_REUSEPORT lets two listening sockets share a port:
/// start the server twice by mistake and the kernel silently splits the clients between the two.
/// So we set the raw option, with each platform's constant. Windows needs nothing: it lets a server
/// rebind a port in TIME_WAIT by default, and its own SO_REUSEADDR would let another program steal the port.
/// </remarks>
public static class QuickRestart
{
    public static void Allow(Socket listener)
    {
        if (OperatingSystem.IsLinux())
            listener.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            listener.SetRawSocketOption(0xffff /* SOL_SOCKET */, 0x4 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
    }
}
