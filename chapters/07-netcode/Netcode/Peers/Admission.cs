using System.Net;

namespace Netcode.Peers;

/// <summary>
/// The door: decides whether a new address may become a connection, counting per source IP (an attacker
/// has as many ports as it likes, but usually one address). Thread-safe: the receive loop admits, the send
/// loop releases connections that timed out.
/// </summary>
internal sealed class Admission(ServerLimits limits, TimeProvider time)
{
    /// <summary>Most IPs remembered at once; spoofed sources must not grow this table without bound.</summary>
    private const int MaxTrackedIps = 65_536;

    private sealed class PerIp(ServerLimits limits, TimeProvider time)
    {
        public int Connections;
        public long LastSeen = time.GetTimestamp();
        public readonly TokenBucket NewConnections = new(limits.NewConnectionsPerIpPerSecond, limits.NewConnectionsPerIpPerSecond, time);
        /// <summary>Refusals are answered at most twice a second per IP: forged sources must not turn us into a reflector.</summary>
        public readonly TokenBucket Answers = new(2, 2, time);
    }

    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, PerIp> _ips = [];
    private int _connections;

    /// <summary>Null when <paramref name="ip"/> may open one more connection (and it is counted); otherwise why not.</summary>
    public Refusal? TryAdmit(IPAddress ip)
    {
        lock (_gate)
        {
            if (_connections >= limits.MaxConnections) return new($"full: the server has its maximum of {limits.MaxConnections} connections", Temporary: false);
            PerIp? entry = Entry(ip);
            if (entry is null) return new("busy: too many addresses at once; try again shortly", Temporary: true);
            if (entry.Connections >= limits.MaxConnectionsPerIp) return new($"too many connections from your address (at most {limits.MaxConnectionsPerIp})", Temporary: false);
            if (!entry.NewConnections.TryTake()) return new($"too many new connections from your address (at most {limits.NewConnectionsPerIpPerSecond:0.#} a second); try again shortly", Temporary: true);
            entry.Connections++;
            _connections++;
            return null;
        }
    }

    /// <summary>A connection from <paramref name="ip"/> ended (timed out, or was never completed).</summary>
    public void Release(IPAddress ip)
    {
        lock (_gate)
        {
            if (!_ips.TryGetValue(ip, out PerIp? entry) || entry.Connections == 0) return;
            entry.Connections--;
            _connections--;
        }
    }

    /// <summary>Whether to tell <paramref name="ip"/> it was refused, or stay silent (rate-limited).</summary>
    public bool MayAnswer(IPAddress ip)
    {
        lock (_gate) return Entry(ip)?.Answers.TryTake() ?? false;
    }

    /// <summary>Forgets IPs with no connection that have been quiet for a minute (their buckets are full again anyway).</summary>
    public void Prune()
    {
        lock (_gate)
        {
            foreach (var (ip, entry) in _ips.Where(e => e.Value.Connections == 0 && time.GetElapsedTime(e.Value.LastSeen) > TimeSpan.FromMinutes(1)).ToList())
                _ips.Remove(ip);
        }
    }

    private PerIp? Entry(IPAddress ip)
    {
        if (!_ips.TryGetValue(ip, out PerIp? entry))
        {
            if (_ips.Count >= MaxTrackedIps) return null;
            _ips[ip] = entry = new PerIp(limits, time);
        }
        entry.LastSeen = time.GetTimestamp();
        return entry;
    }
}

/// <summary>Why an address was not admitted; <see cref="Temporary"/>: the same request may succeed in a moment (a rate, not a cap).</summary>
internal sealed record Refusal(string Reason, bool Temporary);
