using System.Net;
using System.Text;
using Course.Cli;

namespace Offloading.Scale;

/// <summary>
/// The HAProxy configuration of the scale demo: one front door on a loopback port, and behind it the
/// snake servers. Written as text for a file, with a comment on every choice, because that file is
/// what a reader would write by hand for a real deployment.
/// </summary>
public static class HaProxyConfig
{
    public static string Write(int frontendPort, IReadOnlyList<(string Name, IPEndPoint EndPoint)> servers)
    {
        var text = new StringBuilder();
        text.Append($"""
            # Written by the chapter 06 scale demo: HAProxy in front of {servers.Count} snake servers.
            global
                # No user, group, chroot or daemon: the demo runs it in the foreground, as whoever runs the demo.
                maxconn 1000

            defaults
                # HTTP mode: HAProxy reads each request, so it sees the web-socket upgrade and lets it through.
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 30s
                # Once a connection is upgraded to a web socket it is a tunnel, and this idle limit replaces
                # the two above. The servers ping every 15 s, so a live game is never idle for an hour.
                timeout tunnel 1h

            frontend snake
                bind {Endpoints.Show(new IPEndPoint(IPAddress.Loopback, frontendPort))}
                default_backend snake_servers

            backend snake_servers
                # A web socket stays open for a whole game: send each new player to the server with the fewest
                # open connections (round robin would count connections made, not connections open).
                balance leastconn
                # A server that stops accepting connections is taken out within 2 s (two failed checks a second
                # apart), and put back when it answers again.

            """);
        foreach (var (name, endPoint) in servers)
            text.Append($"    server {name} {Endpoints.Show(endPoint)} check inter 1s fall 2 rise 1\n");
        return text.ToString();
    }
}
