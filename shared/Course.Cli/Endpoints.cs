using System.Net;
using System.Net.Sockets;

namespace Course.Cli;

/// <summary>Turns <c>--host</c> and <c>--port</c> into an endpoint, or a one-line error.</summary>
public static class Endpoints
{
    public static IPEndPoint Parse(string host, int port)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address))
            return new IPEndPoint(address, port);
        try
        {
            // Prefer IPv4 for names such as "localhost", so the server and client agree by default.
            IPAddress[] addresses = Dns.GetHostAddresses(host);
            address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                      ?? addresses.FirstOrDefault()
                      ?? throw new UserError($"'{host}' has no address.");
            return new IPEndPoint(address, port);
        }
        catch (SocketException e)
        {
            throw new UserError($"cannot resolve host '{host}': {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>Writes an endpoint the way users type it: 127.0.0.1:5001 or [::1]:5001.</summary>
    public static string Show(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        null => "(none)",
        _ => endPoint.ToString() ?? "(unknown)",
    };
}
