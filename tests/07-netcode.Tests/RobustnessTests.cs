using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>
/// Each fragility measured in PyGaSe, done to our server over a real socket; after each, the server must
/// still be serving: a fresh client joins and sees the game go on.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static async Task<Backend> StartCounter(PeerOptions? options = null)
    {
        var backend = new Backend(new GameState([new("count", 0L), new("hits", 0L)]), (s, _) => new Changes { ["count"] = s.Get<long>("count") + 1 }, options);
        backend.RegisterEventHandler("HIT", call => new Changes { ["hits"] = call.State.Get<long>("hits") + 1 });
        backend.RegisterEventHandler("THROW", _ => throw new InvalidOperationException("a buggy handler"));
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        return backend;
    }

    /// <summary>The proof of life: a new client joins and sees the state move on.</summary>
    private static async Task AssertStillServing(Backend backend)
    {
        using var fresh = new RawPeer(backend.Server.EndPoint);
        long seen = -1;
        ushort seq = 1;
        using var sending = new CancellationTokenSource();
        Task pump = Task.Run(async () =>
        {
            while (!sending.IsCancellationRequested) { fresh.Send(seq++); await Task.Delay(25); }
        });
        Assert.True(await fresh.ReceiveUntil(s => s.Has("count") && (seen < 0 ? (seen = s.Get<long>("count")) < 0 : s.Get<long>("count") > seen), Patience),
            "the server stopped answering");
        await sending.CancelAsync();
        await pump;
        Assert.False(backend.Server.Stopped.IsCompleted);
    }

    [Fact]
    public async Task A_duplicated_datagram_is_dropped_and_counted()
    {
        await using Backend backend = await StartCounter();
        using var peer = new RawPeer(backend.Server.EndPoint);
        byte[] once = peer.Package(1);
        peer.SendRaw(once);
        peer.SendRaw(once); // PyGaSe: DuplicateSequenceError ends the server
        await Until(() => backend.Server.Stats.Duplicates == 1);
        await AssertStillServing(backend);
    }

    [Fact]
    public async Task A_datagram_more_than_32_sequences_late_is_dropped_and_counted()
    {
        await using Backend backend = await StartCounter();
        using var peer = new RawPeer(backend.Server.EndPoint);
        peer.Send(100);
        await Until(() => backend.Server.Connections.Count == 1);
        peer.Send(60); // PyGaSe: IndexError ends the server
        await Until(() => backend.Server.Stats.TooOld == 1);
        await AssertStillServing(backend);
    }

    [Fact]
    public async Task Malformed_packages_and_events_are_dropped_and_counted()
    {
        await using Backend backend = await StartCounter();
        using var peer = new RawPeer(backend.Server.EndPoint);
        byte[] good = peer.Package(1, new NetEvent("HIT"));
        peer.SendRaw([.. good[..14], 0x00, 0x05, 0xc1, 0xc1]);         // event length runs past the end
        peer.SendRaw([.. peer.Package(2)[..14], 0x00, 0x01, 0xc1]);    // 0xc1 is not msgpack
        peer.SendRaw([.. peer.Package(3)[..14], 0x00, 0x01, 0x90]);    // an array, not an event map
        peer.SendRaw([0xff, 0xd0, 0xfa, 0xb9, 0x00]);                   // a header cut short
        await Until(() => backend.Server.Stats.Malformed == 4);
        await AssertStillServing(backend);
    }

    [Fact]
    public async Task Unknown_event_types_and_throwing_handlers_are_skipped_and_the_game_loop_goes_on()
    {
        await using Backend backend = await StartCounter();
        using var peer = new RawPeer(backend.Server.EndPoint);
        peer.Send(1, new NetEvent("NO_SUCH_EVENT"), new NetEvent("THROW"), new NetEvent("HIT"));
        Assert.True(await peer.ReceiveUntil(s => s.Has("hits") && s.Get<long>("hits") == 1, Patience));
        Assert.Equal(2, backend.Machine.HandlerFailures);
        await AssertStillServing(backend);
    }

    [Fact]
    public async Task A_datagram_over_2048_bytes_is_refused_whole()
    {
        await using Backend backend = await StartCounter();
        using var peer = new RawPeer(backend.Server.EndPoint);
        byte[] big = new NetEvent("HIT", new string('x', 3000)).Encode();
        byte[] package = [.. peer.Package(1), (byte)(big.Length >> 8), (byte)big.Length, .. big];
        peer.SendRaw(package);
        await Until(() => backend.Server.Stats.Oversize == 1);
        Assert.Empty(backend.Server.Connections);
        await AssertStillServing(backend);
    }

    [Fact]
    public async Task Shut_me_down_from_anyone_and_shutdown_from_a_non_host_are_ignored()
    {
        await using Backend backend = await StartCounter();
        using var host = new RawPeer(backend.Server.EndPoint);
        host.Send(1);
        await Until(() => backend.Server.HostClient is not null);
        using var stranger = new RawPeer(backend.Server.EndPoint);
        stranger.SendRaw(Encoding.UTF8.GetBytes("shut_me_down"));
        stranger.SendRaw(Encoding.UTF8.GetBytes("shutdown"));
        await Until(() => backend.Server.Stats.IgnoredText == 2);
        await AssertStillServing(backend);

        host.SendRaw(Encoding.UTF8.GetBytes("shutdown")); // the host may
        await backend.Server.Stopped.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_late_joiner_gets_the_full_state_including_attributes_that_never_change()
    {
        // PyGaSe at a3e238c sends a new client only game_status and time_order: "bar" never arrives.
        await using Backend backend = await StartCounter();
        backend.RegisterEventHandler("SET_ONCE", _ => new Changes { ["set_once"] = "hello" });
        backend.Machine.Enqueue(new NetEvent("SET_ONCE"), null);
        await Task.Delay(200);
        using var late = new RawPeer(backend.Server.EndPoint);
        late.Send(1);
        Assert.True(await late.ReceiveUntil(s => s.Has("set_once"), Patience));
        Assert.Equal("hello", late.State["set_once"]);
        Assert.True(late.State.Has("hits"));
    }

    [Fact]
    public async Task A_state_too_big_for_one_datagram_still_synchronises()
    {
        var players = new StateMap();
        for (long id = 0; id < 400; id++) players[id] = new StateMap { ["name"] = $"player {id}", ["position"] = new List<object?> { id * 1.5, id * 0.5 } };
        await using var backend = new Backend(new GameState([new("players", players)]), (_, _) => null);
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = new Client();
        await client.ConnectAsync(backend.Server.EndPoint, Patience);
        await client.WaitUntilAsync(s => s.Has("players") && ((StateMap)s["players"]!).Count == 400, Patience);
        Assert.Equal("player 399", client.AccessGameState(s => ((StateMap)((StateMap)s["players"]!)[399L]!)["name"]));
    }

    [Fact]
    public async Task Silent_connections_are_removed_after_the_connection_timeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var store = new GameStateStore();
        await using var server = new Server(store, new PeerOptions { Time = time });
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        using var peer = new RawPeer(server.EndPoint);
        peer.Send(1);
        await Until(() => server.Connections.Count == 1);
        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(100);
        Assert.Single(server.Connections);
        for (int i = 0; i < 20 && server.Connections.Count > 0; i++)
        {
            time.Advance(TimeSpan.FromSeconds(0.5));
            await Task.Delay(50);
        }
        Assert.Empty(server.Connections);
        Assert.Equal(1, server.Stats.TimedOut);
    }

    [Fact]
    public void A_send_schedule_that_wakes_late_catches_up_instead_of_losing_the_slot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var schedule = new SendSchedule(time);
        TimeSpan interval = TimeSpan.FromMilliseconds(25);
        int sent = 0;
        // 1 second of a loop that always wakes 10 ms after it asked to: PyGaSe would send every 35 ms (28/s).
        for (int step = 0; step < 1000; step++)
        {
            long now = time.GetTimestamp();
            if (schedule.IsDue(now))
            {
                sent++;
                schedule.Advance(interval, now);
            }
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.InRange(sent, 39, 41);

        time.Advance(TimeSpan.FromSeconds(3)); // a long stall: one catch-up package, then the rhythm again
        long after = time.GetTimestamp();
        Assert.True(schedule.IsDue(after));
        schedule.Advance(interval, after);
        Assert.False(schedule.IsDue(after));
    }

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 300 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "condition not reached within 15 s");
    }
}
