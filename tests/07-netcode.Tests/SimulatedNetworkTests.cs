using System.Net;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Transport;
using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>The whole stack on loopback through the simulator, as the issue asks: 10 % loss, 5 % duplicates, 50 ms jitter.</summary>
public sealed class SimulatedNetworkTests
{
    private static readonly NetworkConditions Bad = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), 0.10, 0.05);

    [Fact]
    public async Task Every_event_with_retries_is_applied_exactly_once_and_the_state_converges()
    {
        var errors = new List<string>();
        var applied = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        await using var backend = new Backend(new GameState([new("total", 0L), new("tick", 0L)]),
            (s, _) => new Changes { ["tick"] = s.Get<long>("tick") + 1 },
            new PeerOptions { Network = Bad, Seed = 11, Log = line => { if (line.Contains("failed")) lock (errors) errors.Add(line); } });
        backend.RegisterEventHandler("ADD", call =>
        {
            long n = call.Event.Arg<long>(0);
            applied.AddOrUpdate(n, 1, (_, c) => c + 1);
            return new Changes { ["seen"] = new StateMap { [n] = true } };
        });
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));

        await using var client = new Client(new PeerOptions { Network = Bad, Seed = 12 });
        await client.ConnectAsync(backend.Server.EndPoint, TimeSpan.FromSeconds(15));
        const int Events = 60;
        int acks = 0;
        for (long n = 1; n <= Events; n++)
        {
            client.DispatchEvent(new NetEvent("ADD", n), retries: 10, ackCallback: () => Interlocked.Increment(ref acks));
            await Task.Delay(10);
        }

        await client.WaitUntilAsync(s => s.Has("seen") && ((StateMap)s["seen"]!).Count == Events, TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // long enough for any late retry to arrive and be (not) applied
        Assert.Equal(Events, applied.Count);
        Assert.All(applied, a => Assert.Equal(1, a.Value));
        Assert.True(acks >= Events, $"only {acks} acknowledgements");
        Assert.Empty(errors);

        // Convergence: the client reaches a version the server had after the last event.
        Sqn target = backend.Store.TimeOrder;
        await client.WaitUntilAsync(s => !target.IsNewerThan(s.TimeOrder), TimeSpan.FromSeconds(15));
        Assert.True(backend.Server.Stats.Duplicates > 0, "the simulator should have duplicated something");
    }

    [Fact]
    public async Task The_simulator_is_repeatable_with_a_seed()
    {
        static async Task<int> CountDelivered(int seed)
        {
            using var receiver = new UdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            using var sender = new SimulatedNetwork(new UdpTransport(new IPEndPoint(IPAddress.Loopback, 0)),
                new NetworkConditions(TimeSpan.Zero, TimeSpan.Zero, 0.3, 0.2), seed);
            for (int i = 0; i < 200; i++) await sender.SendAsync(new byte[] { (byte)i }, receiver.LocalEndPoint, default);
            int delivered = 0;
            var buffer = new byte[16];
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try { while (true) { await receiver.ReceiveAsync(buffer, quiet.Token); delivered++; } }
            catch (OperationCanceledException) { }
            return delivered;
        }
        int first = await CountDelivered(5);
        Assert.Equal(first, await CountDelivered(5));
        Assert.InRange(first, 140, 190); // about 70 % kept, a fifth of those doubled
    }

    [Fact]
    public async Task A_dial_changes_the_conditions_from_the_next_datagram_on_both_ways()
    {
        using var peer = new UdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var dial = new NetworkDial(NetworkConditions.Perfect);
        using var spoilt = new SimulatedNetwork(new UdpTransport(new IPEndPoint(IPAddress.Loopback, 0)), dial, seed: 3);

        async Task<int> Exchange(int count)
        {
            // Each way: the simulator's sends to the peer, and the peer's sends that the simulator receives.
            for (int i = 0; i < count; i++)
            {
                await spoilt.SendAsync(new byte[] { 1 }, peer.LocalEndPoint, default);
                await peer.SendAsync(new byte[] { 2 }, spoilt.LocalEndPoint, default);
            }
            int arrived = 0;
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            Task<int> there = Drain(peer, quiet.Token), back = Drain(spoilt, quiet.Token);
            arrived += await there + await back;
            return arrived;
        }
        static async Task<int> Drain(IDatagramTransport transport, CancellationToken stop)
        {
            var buffer = new byte[16];
            int n = 0;
            try { while (true) { await transport.ReceiveAsync(buffer.AsMemory(), stop); n++; } }
            catch (OperationCanceledException) { }
            return n;
        }

        Assert.Equal(40, await Exchange(20));
        dial.Conditions = new NetworkConditions(TimeSpan.Zero, TimeSpan.Zero, Loss: 1, Duplicate: 0);
        Assert.Equal(0, await Exchange(20));
        dial.Conditions = new NetworkConditions(TimeSpan.Zero, TimeSpan.Zero, Loss: 0, Duplicate: 1);
        Assert.Equal(80, await Exchange(20));
    }
    [Fact]
    public async Task A_peer_s_dial_spoils_its_own_path_while_it_runs_client_or_server()
    {
        // PeerOptions.NetworkDial, not a simulator built by hand: the way the lab's sliders reach a client
        // (and could reach a server). The client's round-trip estimate shows the lag, both ways, or its absence.
        var clientDial = new NetworkDial(NetworkConditions.Perfect);
        var serverDial = new NetworkDial(NetworkConditions.Perfect);
        await using var server = new Server(new GameStateStore(), new PeerOptions { NetworkDial = serverDial });
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = new Client(new PeerOptions { NetworkDial = clientDial });
        await client.ConnectAsync(server.EndPoint, TimeSpan.FromSeconds(15));
        var lag = new NetworkConditions(TimeSpan.FromMilliseconds(60), TimeSpan.Zero, 0, 0);

        async Task RttBecomes(Func<double, bool> fits, string what)
        {
            for (int i = 0; i < 300 && !fits(client.Rtt.TotalMilliseconds); i++) await Task.Delay(50);
            Assert.True(fits(client.Rtt.TotalMilliseconds), $"after 15 s the round trip is {client.Rtt.TotalMilliseconds:0} ms, not {what}");
        }

        await RttBecomes(ms => ms is > 0 and < 50, "under 50 ms on a perfect network");
        clientDial.Conditions = lag; // 60 ms each way on the client's side: 120 ms more per round trip
        await RttBecomes(ms => ms >= 100, "at least 100 ms with the client's dial at 60 ms");
        clientDial.Conditions = NetworkConditions.Perfect;
        await RttBecomes(ms => ms < 50, "back under 50 ms");
        serverDial.Conditions = lag;
        await RttBecomes(ms => ms >= 100, "at least 100 ms with the server's dial at 60 ms");
    }
}
