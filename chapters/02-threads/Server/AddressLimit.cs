using System.Net;
using System.Net.Sockets;

namespace Dots;

/// <summary>
/// How many connections each address holds, so that one machine cannot take every seat. The accept loop
/// asks before it admits a connection; the connection's thread gives the seat back when it ends. Two
/// kinds of thread touch the counts, so they sit behind one small lock.
/// </summary>
/// <remarks>
/// An IPv4 address is one machine (or one home behind a router). An IPv6 machine usually has a whole
/// /64 block of 2^64 addresses to itself, so an IPv6 address is counted by its first 64 bits: otherwise
/// one machine could take every seat with a new address per connection.
/// </remarks>
public sealed class AddressLimit(int perAddress)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _held = [];

    /// <summary>Takes a seat for <paramref name="address"/>; false when it already holds its share.</summary>
    public bool TryTake(IPAddress address)
    {
        IPAddress key = Key(address);
        lock (_gate)
        {
            int held = _held.GetValueOrDefault(key);
            if (held >= perAddress) return false;
            _held[key] = held + 1;
            return true;
        }
    }

    /// <summary>Gives back a seat taken by <see cref="TryTake"/>.</summary>
    public void Release(IPAddress address)
    {
        IPAddress key = Key(address);
        lock (_gate)
        {
            int held = _held.GetValueOrDefault(key) - 1;
            if (held > 0) _held[key] = held;
            else _held.Remove(key); // forget addresses that hold nothing, or the table grows forever
        }
    }

    private static IPAddress Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        byte[] bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8); // keep the /64 prefix
        return new IPAddress(bytes);
    }
}
