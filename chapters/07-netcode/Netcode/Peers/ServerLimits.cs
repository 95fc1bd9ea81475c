namespace Netcode.Peers;

/// <summary>
/// What one server lets clients take, so that no address can starve the others or exhaust the machine.
/// Identity is an IP and port (a connection); caps and rates that protect against one attacker count per
/// source IP, because an attacker has as many ports as it likes.
/// </summary>
/// <remarks>
/// The defaults admit the course's own benches (1,000 bots on one machine, so from one IP) and nothing
/// much bigger. A server on the internet would allow a handful of connections per IP, and would still
/// need more than this: UDP source addresses can be forged, which is why real games add a handshake with
/// a challenge token before they spend memory on a stranger.
/// </remarks>
public sealed record ServerLimits
{
    /// <summary>Connections at once, from everyone. A new address beyond this is refused: "full".</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>Connections at once from one IP address.</summary>
    public int MaxConnectionsPerIp { get; init; } = 1024;

    /// <summary>New connections one IP may open per second (bursts of the same size allowed).</summary>
    public double NewConnectionsPerIpPerSecond { get; init; } = 100;

    /// <summary>
    /// Packages one connection may send per second; more are dropped unread. An honest peer sends 40 (20
    /// on a bad link), and a jittery network may bunch them up, so the limit is twice that with a burst of 40.
    /// </summary>
    public double PackagesPerConnectionPerSecond { get; init; } = 80;

    /// <summary>Events waiting to go to one client; beyond it the oldest are dropped (a client that stopped reading).</summary>
    public int MaxQueuedEventsPerConnection { get; init; } = 256;

    public static ServerLimits Default { get; } = new();

    /// <summary>No limits at all: for tests that fuzz the decoders through the receive loop at full speed.</summary>
    public static ServerLimits None { get; } = new()
    {
        MaxConnections = int.MaxValue, MaxConnectionsPerIp = int.MaxValue, NewConnectionsPerIpPerSecond = double.PositiveInfinity,
        PackagesPerConnectionPerSecond = double.PositiveInfinity, MaxQueuedEventsPerConnection = int.MaxValue,
    };

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"at most {MaxConnections} connections, {MaxConnectionsPerIp} per IP, {NewConnectionsPerIpPerSecond:0.#} new per IP per second, {PackagesPerConnectionPerSecond:0.#} packages/s per connection");
}
