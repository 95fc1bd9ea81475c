using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Course.Testing;

/// <summary>
/// Whether this machine has the IPv6 loopback, ::1. <see cref="Socket.OSSupportsIPv6"/> is not enough: a
/// container or a kernel booted with IPv6 disabled still reports support, and only binding ::1 fails.
/// </summary>
public static class Ipv6Loopback
{
    public static bool Available { get; } = Probe();

    private static bool Probe()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (Exception e) when (e is SocketException or NotSupportedException)
        {
            return false;
        }
    }
}

/// <summary>
/// A fact that talks over ::1. Where the machine has no IPv6 loopback the test is skipped with a hint,
/// except under <c>CI=true</c>, where it must run and so fails: a CI machine without IPv6 would otherwise
/// pass the test without ever running it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsIpv6FactAttribute : FactAttribute
{
    public NeedsIpv6FactAttribute()
    {
        if (!Ipv6Loopback.Available && !ExternalProgram.OnCi)
            Skip = "needs IPv6 on the loopback interface (::1); on Linux: `sudo sysctl -w net.ipv6.conf.lo.disable_ipv6=0`";
    }
}
