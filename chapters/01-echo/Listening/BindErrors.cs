using System.Net;
using System.Net.Sockets;
using Course.Cli;

namespace Listening;

/// <summary>
/// The bind failures a user causes and can fix, each as one line instead of a stack trace: the port is
/// taken (another server, or this one started twice), or the address is not one of this machine's (a
/// typo in <c>--host</c>, a LAN address from yesterday) or not ours to take (ports below 1024 on Linux).
/// A TCP listener and a UDP socket fail alike, so chapters 07 and 08 use these lines too.
/// </summary>
public static class BindErrors
{
    /// <summary>Whether <paramref name="e"/>, thrown by bind, is one of the failures a user can fix.</summary>
    public static bool CanExplain(SocketException e) =>
        e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable or SocketError.AccessDenied;

    /// <summary>The one line for a failure that <see cref="CanExplain"/> accepts, as the error to throw.</summary>
    public static UserError Explain(SocketException e, IPEndPoint endPoint) =>
        e.SocketErrorCode == SocketError.AddressAlreadyInUse
            ? new UserError($"port {endPoint.Port} is in use: stop the other server or pick another --port.", inner: e)
            : new UserError($"cannot bind {Endpoints.Show(endPoint)}: {e.Message}.", inner: e);
}
