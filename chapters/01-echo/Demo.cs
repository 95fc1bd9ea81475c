using System.Net;
using Course.Cli;

namespace Echo;

/// <summary>
/// The server and a client in one process, for a first look. The server serves one client and stops.
/// Its log is kept aside and printed after the client's lines, as if you had the two terminals side by
/// side: printed live, the two threads' lines would interleave differently on every run.
/// </summary>
public static class Demo
{
    public static readonly string[] Conversation = ["hello, echo", "Zażółć gęślą jaźń", "bye"];

    public static async Task RunAsync(TextWriter output, CancellationToken cancel)
    {
        var serverLog = new StringWriter();
        var server = new EchoServer(
            new EchoServerOptions(new IPEndPoint(IPAddress.Loopback, 0)) { MaxClients = 1 },
            new Log(TextWriter.Synchronized(serverLog), "server"));

        var listening = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? serverFailure = null;
        // The blocking server gets a thread of its own; this thread plays the client.
        var serverThread = new Thread(() =>
        {
            try { server.Run(endPoint => listening.TrySetResult(endPoint), cancel); }
            catch (Exception e)
            {
                // Before listening, the failure ends the demo at once; after, it is rethrown below.
                serverFailure = e;
                listening.TrySetException(e);
            }
        }) { Name = "echo server", IsBackground = true };
        serverThread.Start();

        IPEndPoint endPoint = await listening.Task;
        var client = new EchoClient(endPoint, TimeSpan.FromSeconds(5), new Log(output, "client"));
        await client.RunAsync(Conversation, cancel);

        // The server stops after its one client; wait for it (bounded: a demo must never hang), then show
        // what it logged meanwhile.
        if (!serverThread.Join(TimeSpan.FromSeconds(10)))
        {
            throw new UserError("the demo's server did not stop after its client left.");
        }
        if (serverFailure is not null) throw serverFailure;
        output.WriteLine();
        output.WriteLine("What the server logged meanwhile:");
        output.Write(serverLog.ToString());
    }
}
