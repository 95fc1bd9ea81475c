using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Course.Testing;

/// <summary>
/// Where an attacker in a test connects from: 127.0.0.2. Linux routes all of 127.0.0.0/8 to the loopback
/// interface, so a socket bound to 127.0.0.2 before it connects reaches a server on 127.0.0.1, and the
/// server sees another address: the attacker is told apart from the honest clients on 127.0.0.1.
/// </summary>
public static class Attacker
{
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.2");

    /// <summary>True when this machine lets a socket bind 127.0.0.2 (Linux does; macOS needs an alias).</summary>
    public static bool CanBind { get; } = Probe();

    /// <summary>A TCP socket bound to 127.0.0.2, not yet connected.</summary>
    public static Socket Socket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Address, 0));
        return socket;
    }

    private static bool Probe()
    {
        try
        {
            using Socket socket = Socket();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>
/// A fact whose attacker connects from 127.0.0.2 (see <see cref="Attacker"/>). Where that address cannot be
/// bound, the test is skipped with a hint, except under <c>CI=true</c>, where it must run and so fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AttackFactAttribute : FactAttribute
{
    public AttackFactAttribute()
    {
        if (!Attacker.CanBind && !ExternalProgram.OnCi)
            Skip = "needs 127.0.0.2 on the loopback interface (Linux has it; on macOS: `sudo ifconfig lo0 alias 127.0.0.2 up`)";
    }
}

/// <summary>A theory whose attacker sends from 127.0.0.2; skipped and failed as <see cref="AttackFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AttackTheoryAttribute : TheoryAttribute
{
    public AttackTheoryAttribute()
    {
        if (!Attacker.CanBind && !ExternalProgram.OnCi)
            Skip = "needs 127.0.0.2 on the loopback interface (Linux has it; on macOS: `sudo ifconfig lo0 alias 127.0.0.2 up`)";
    }
}
