using System.Globalization;
using System.Net;
using Chase;
using Course.Cli;
using Course.Testing;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests.Interop;

/// <summary>
/// The wire-compatibility claim, checked against PyGaSe itself: its documented client joins our server, and
/// our client joins a PyGaSe backend. Each runs once per msgpack encoder PyGaSe may use, u-msgpack and its
/// msgpack fallback. (u-msgpack 2.5 and later sends float32; Debian 12's 2.3.0 ignores that request and
/// sends float64 like the fallback, so float32 from a real peer is covered by a byte-level test in
/// WireSnapshotTests instead.)
/// </summary>
public sealed class InteropTests
{
    [NeedsPyGaSeFact("u-msgpack")]
    public Task PyGaSe_s_documented_client_joins_our_server_and_shuts_it_down_u_msgpack() => DocumentedClientJoinsOurServer("u-msgpack");

    [NeedsPyGaSeFact("msgpack")]
    public Task PyGaSe_s_documented_client_joins_our_server_and_shuts_it_down_msgpack() => DocumentedClientJoinsOurServer("msgpack");

    [NeedsPyGaSeFact("u-msgpack")]
    public Task A_PyGaSe_client_receives_a_state_too_big_for_one_datagram_u_msgpack() => ClientReceivesABigState("u-msgpack");

    [NeedsPyGaSeFact("msgpack")]
    public Task A_PyGaSe_client_receives_a_state_too_big_for_one_datagram_msgpack() => ClientReceivesABigState("msgpack");

    [NeedsPyGaSeFact("u-msgpack")]
    public Task Our_client_joins_a_PyGaSe_backend_and_shuts_it_down_u_msgpack() => OurClientJoinsAPyGaSeBackend("u-msgpack");

    [NeedsPyGaSeFact("msgpack")]
    public Task Our_client_joins_a_PyGaSe_backend_and_shuts_it_down_msgpack() => OurClientJoinsAPyGaSeBackend("msgpack");

    /// <summary>The interpreter for <paramref name="encoder"/>; under CI a missing one fails here, with what to install.</summary>
    private static string Python(string encoder) => PyGaSe.Python(encoder) ?? throw new Xunit.Sdk.XunitException(PyGaSe.Hint(encoder));

    private static async Task DocumentedClientJoinsOurServer(string encoder)
    {
        var log = new Transcript();
        await using Backend backend = DocsExample.Create(new PeerOptions { Log = new Log(log, "server").Line });
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));

        await using RunningProcess python = RunningProcess.Start(Python(encoder),
            PyGaSe.Script("pygase_docs_client.py"), backend.Server.EndPoint.Port.ToString(CultureInfo.InvariantCulture), encoder);
        // The example itself takes five seconds (five SET_BARs a second apart); the rest is generous for a busy machine.
        Assert.Equal(0, await python.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("synchronised: bar = 4", python.StandardOutput);

        // The Python client was the first to connect, so it is the host: its "shutdown" stops our server.
        await backend.Stopped.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(4.0, backend.Store.GetGameState().Get<double>("bar"));
        Assert.DoesNotContain("malformed", log.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task ClientReceivesABigState(string encoder)
    {
        // 60 attributes of 100 characters: over 6 KB, three times what one package may carry.
        const int Count = 60;
        var initial = new GameState(Enumerable.Range(0, Count)
            .Select(k => new KeyValuePair<string, object?>($"item{k}", string.Concat(Enumerable.Repeat(k.ToString("000", CultureInfo.InvariantCulture), 33)) + "!")));
        await using var backend = new Backend(initial, (_, _) => null, new PeerOptions());
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));

        await using RunningProcess python = RunningProcess.Start(Python(encoder), PyGaSe.Script("pygase_big_state_client.py"),
            backend.Server.EndPoint.Port.ToString(CultureInfo.InvariantCulture), Count.ToString(CultureInfo.InvariantCulture), encoder);
        Assert.Equal(0, await python.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"synchronised: {Count} of {Count} attributes, 6000 characters", python.StandardOutput);
        await backend.Stopped.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private static async Task OurClientJoinsAPyGaSeBackend(string encoder)
    {
        await using RunningProcess python = RunningProcess.Start(Python(encoder), PyGaSe.Script("pygase_docs_backend.py"), encoder);
        string ready = await python.WaitForLineAsync(l => l.StartsWith("listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        IPEndPoint server = IPEndPoint.Parse(ready["listening on ".Length..]);
        TimeSpan patience = TimeSpan.FromSeconds(15);

        await using var client = new Client();
        await client.ConnectAsync(server, patience);
        // PyGaSe's first update lacks the attributes (the snapshot defect in the protocol notes), but foo
        // changes every tick, so it arrives in the next one.
        await client.TryToAsync(s => s.Has("foo") ? (double?)s.Get<double>("foo") : null, patience);

        // A retried event carries our de-duplication id as a keyword; PyGaSe passes it to the handler's **kwargs.
        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DispatchEvent(new NetEvent("SET_BAR", [], new Dictionary<string, object?> { ["new_bar"] = 2.0 }),
            retries: 3, ackCallback: () => acked.TrySetResult());
        await acked.Task.WaitAsync(patience);
        await client.WaitUntilAsync(s => s.Has("bar") && s.Get<double>("bar") == 2.0, patience);

        double before = client.AccessGameState(s => s.Get<double>("foo"));
        client.DispatchEvent("RESET_FOO");
        await client.WaitUntilAsync(s => s.Get<double>("foo") < before, patience);

        // We were the first to connect, so we are PyGaSe's host client and may stop it.
        await client.DisconnectAsync(shutdownServer: true);
        Assert.Equal(0, await python.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("stopped", python.StandardOutput);
        Assert.DoesNotContain("Traceback", python.StandardError);
    }
}
