using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Course.Testing;

/// <summary>
/// Where attack tests send from: 127.0.0.2, a second loopback address (Linux routes all of 127.0.0.0/8 to
/// the loopback interface), so a server's per-address limits can tell the attacker from honest clients on
/// 127.0.0.1. Some systems (macOS without an alias) only answer on 127.0.0.1.
/// </summary>
public static class AttackerAddress
{
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.2");

    public const string Hint = "needs a second loopback address, 127.0.0.2 (Linux has it; on macOS: `sudo ifconfig lo0 alias 127.0.0.2`)";

    private static readonly Lazy<bool> s_usable = new(() =>
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(Address, 0));
            return true;
        }
        catch (SocketException) { return false; }
    });

    /// <summary>Whether a socket can bind to 127.0.0.2 here.</summary>
    public static bool Usable => s_usable.Value;
}

/// <summary>A fact that sends from <see cref="AttackerAddress"/>: skipped with a hint where it cannot bind, failed under <c>CI=true</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AttackFactAttribute : FactAttribute
{
    public AttackFactAttribute()
    {
        if (!AttackerAddress.Usable && !ExternalProgram.OnCi) Skip = AttackerAddress.Hint;
    }
}

/// <summary>A theory that sends from <see cref="AttackerAddress"/>; see <see cref="AttackFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AttackTheoryAttribute : TheoryAttribute
{
    public AttackTheoryAttribute()
    {
        if (!AttackerAddress.Usable && !ExternalProgram.OnCi) Skip = AttackerAddress.Hint;
    }
}
