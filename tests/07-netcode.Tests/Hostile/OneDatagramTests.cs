using System.Net;
using Chase;
using Course.Testing;
using Netcode.Peers;

namespace Netcode.Tests.Hostile;

/// <summary>
/// Single datagrams that once deafened the server (its receive loop died on an exception the loop did not
/// expect, while the process stayed up). Each is sent from 127.0.0.2; then a new client must still be served.
/// </summary>
public sealed class OneDatagramTests
{
    /// <summary>
    /// 23 bytes: a client package (sequence 1, no ack, time order 0) with one 7-byte event: a msgpack map of
    /// one entry whose key is a str32 claiming 0xffffffff bytes, in a datagram that has one byte left.
    /// </summary>
    public static readonly byte[] ClaimsFourGigabytes = Convert.FromHexString("ffd0fab9" + "0001" + "0000" + "00000000" + "0000" + "0007" + "81dbffffffff00");

    public static TheoryData<string, string> Lies => new()
    {
        { "a str32 key claiming 4 GiB", "81dbffffffff00" },
        { "a bin32 claiming 4 GiB", "81a474797065c6ffffffff00" },
        { "a map32 claiming 2^31 entries", "df80000000a1610c" },
        { "an array32 claiming 4 GiB of items", "83a474797065a158ac68616e646c65725f61726773ddffffffff" },
        { "a str16 longer than the datagram", "81a474797065da1000414243" },
        { "a retry id that does not fit 64 signed bits", "83a474797065a158ac68616e646c65725f617267739" + "0ae68616e646c65725f6b776172677381b15f6e6574636f64655f6576656e745f6964cfffffffffffffffff" },
    };

    [AttackFact]
    public async Task The_23_byte_datagram_is_dropped_and_counted_and_the_chase_server_goes_on()
    {
        await using Backend backend = ChaseGame.Create(new PeerOptions());
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        using var attacker = new RawPeer(backend.Server.EndPoint, Attacker.Address);

        attacker.SendRaw(ClaimsFourGigabytes);

        await Alive.Until(() => backend.Server.Stats.Malformed == 1, "the datagram counted as malformed");
        await Alive.AssertServing(backend.Server.EndPoint, "the 23-byte datagram");
    }

    [AttackFact]
    public async Task A_bug_while_handling_one_datagram_costs_that_datagram_only()
    {
        var store = new Netcode.State.GameStateStore();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var server = new Server(store, new PeerOptions { Log = log.Enqueue });
        // A game whose code has a bug for one event: the exception reaches the receive loop.
        server.EventWire = (e, _) => { if (e.Type == "BUGGY") throw new InvalidOperationException("a bug in the game's event wiring"); };
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        using var attacker = new RawPeer(server.EndPoint, Attacker.Address);

        attacker.Send(1, new Wire.NetEvent("BUGGY"));
        attacker.Send(2, new Wire.NetEvent("BUGGY"));

        await Alive.Until(() => server.Stats.Faults == 2, "both datagrams counted as faults");
        Assert.Single(log, line => line.Contains("BUG:") && line.Contains("a bug in the game's event wiring") && line.Contains(" at "));
        store.PushUpdate(new Netcode.State.GameStateUpdate(new Wire.Sqn(1)));
        using var fresh = new RawPeer(server.EndPoint);
        fresh.Send(1);
        Assert.True(await fresh.ReceiveUntil(s => s.TimeOrder.Value == 1, Alive.Patience), "a new client is not served after the bug");
    }

    [AttackTheory]
    [MemberData(nameof(Lies))]
    public async Task A_length_that_lies_is_refused_by_the_decoder_and_the_server_goes_on(string what, string eventHex)
    {
        await using Backend backend = ChaseGame.Create(new PeerOptions());
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        using var attacker = new RawPeer(backend.Server.EndPoint, Attacker.Address);
        byte[] e = Convert.FromHexString(eventHex);

        attacker.SendRaw([.. attacker.Package(1)[..14], (byte)(e.Length >> 8), (byte)e.Length, .. e]);

        await Alive.Until(() => backend.Server.Stats.Malformed == 1, $"{what}: counted as malformed");
        await Alive.AssertServing(backend.Server.EndPoint, what);
    }
}
