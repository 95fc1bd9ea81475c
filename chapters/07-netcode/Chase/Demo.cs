using System.Net;
using Course.Cli;
using Netcode;
using Netcode.Peers;
using Netcode.Wire;

namespace Chase;

/// <summary>
/// PyGaSe's getting-started conversation in one process: a backend running the docs example and a client that
/// reads <c>foo</c>, changes <c>bar</c> with an acknowledged, retried event, resets <c>foo</c>, and as the host
/// client shuts the server down.
/// </summary>
public static class Demo
{
    public static async Task RunAsync(TextWriter output, CancellationToken cancel)
    {
        var serverLog = new Log(output, "server");
        Log clientLog = serverLog.For("client");
        await using Backend backend = DocsExample.Create(new PeerOptions { Log = serverLog.Line });
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));

        await using var client = new Client(new PeerOptions { Log = clientLog.Line });
        await client.ConnectAsync(backend.Server.EndPoint, TimeSpan.FromSeconds(10), cancel);
        clientLog.Line($"connected to {Endpoints.Show(backend.Server.EndPoint)}");

        // The state may not have arrived yet: try until it has (PyGaSe's try_to).
        double first = await client.TryToAsync(s => (double?)s.Get<double>("foo"), TimeSpan.FromSeconds(10), cancel) ?? 0;
        clientLog.Line($"foo is there: {(first >= 0 ? "a number" : "?")}, and bar is {client.AccessGameState(s => s.Get<double>("bar"))}");

        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DispatchEvent(new NetEvent("SET_BAR", [], new Dictionary<string, object?> { ["new_bar"] = 2.0 }), retries: 3, ackCallback: () => acked.TrySetResult());
        clientLog.Line("sent SET_BAR(new_bar=2.0) with 3 retries");
        await acked.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel);
        clientLog.Line("the server acknowledged the package carrying SET_BAR");
        await client.WaitUntilAsync(s => s.Get<double>("bar") == 2.0, TimeSpan.FromSeconds(10), cancel);
        clientLog.Line("bar is 2 in our copy of the state");

        // foo only ever grows while bar > 0, so the first update in which it shrinks shows the reset.
        var reset = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.AccessGameState(state =>
        {
            // Installed under the state's lock, so no update slips between reading foo and watching it.
            double last = state.Get<double>("foo");
            client.OnUpdate = s =>
            {
                double foo = s.Get<double>("foo");
                if (foo < last) reset.TrySetResult();
                last = foo;
            };
            return last;
        });
        client.DispatchEvent("RESET_FOO");
        clientLog.Line("sent RESET_FOO");
        await reset.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel);
        clientLog.Line("foo went back to 0 and grows again, 2 per second");

        clientLog.Line("we are the host client: sending shutdown");
        await client.DisconnectAsync(shutdownServer: true);
        await backend.Stopped.WaitAsync(TimeSpan.FromSeconds(10), cancel);
        serverLog.Line("stopped");
    }
}
